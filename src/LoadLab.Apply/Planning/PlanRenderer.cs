using System.Text;
using LoadLab.Core.Text;

namespace LoadLab.Apply.Planning;

/// <summary>
/// Prints a plan the way Terraform does: "+" added, "~" changed (old -> new), "-" removed, one line per field.
/// Colour (ANSI) only when asked, i.e. when the output is a terminal; files and pipes get plain text. Every name and
/// value comes from a file or from AWS, so each is neutralised (<see cref="SafeText"/>) before it sits between
/// LoadLab's colours: written with <see cref="TerminalSafeWriter.WriteOwnColours(TextWriter, string)"/>, only those colours reach the terminal.
/// </summary>
public static class PlanRenderer
{
    private const string Green = "\u001b[32m", Yellow = "\u001b[33m", Red = "\u001b[31m", Dim = "\u001b[2m", Reset = "\u001b[0m";

    public static string Render(ScalingPlan plan, bool color = false)
    {
        var sb = new StringBuilder();
        sb.Append("Plan for ").Append(T(plan.Key.ResourceId)).Append(" (").Append(T(plan.Key.ScalableDimension)).Append(")\n");
        if (!plan.HasChanges)
        {
            sb.Append("\nNo changes. The live configuration already matches the recommendation.\n");
            AppendLeftAlone(sb, plan, color);
            return sb.ToString();
        }
        sb.Append('\n');
        foreach (var c in plan.Changes.Where(c => c.Action is ChangeAction.Create or ChangeAction.Update or ChangeAction.Delete))
        {
            var (sign, col) = c.Action switch
            {
                ChangeAction.Create => ('+', Green),
                ChangeAction.Delete => ('-', Red),
                _ => ('~', Yellow),
            };
            sb.Append(Paint($"  {sign} {Label(c.Kind)} {T(c.Name)}", col, color));
            if (c.Note is not null) sb.Append(Paint($"  ({T(c.Note)})", Dim, color));
            sb.Append('\n');
            foreach (var f in c.Fields)
            {
                var line = f.Sign switch
                {
                    '+' => Paint($"      + {T(f.Path)}: {T(f.New)}", Green, color),
                    '-' => Paint($"      - {T(f.Path)}: {T(f.Old)}", Red, color),
                    _ => Paint($"      ~ {T(f.Path)}: {T(f.Old)} -> {T(f.New)}", Yellow, color),
                };
                sb.Append(line).Append('\n');
            }
        }
        AppendLeftAlone(sb, plan, color);
        sb.Append($"\nPlan: {plan.ToAdd} to add, {plan.ToChange} to change, {plan.ToRemove} to remove");
        if (plan.LeftAlone > 0) sb.Append($", {plan.LeftAlone} left alone");
        sb.Append(".\n");
        return sb.ToString();
    }

    public static string Label(ResourceKind kind) => kind switch
    {
        ResourceKind.ScalableTarget => "scalable target",
        ResourceKind.ScalingPolicy => "scaling policy",
        ResourceKind.MetricAlarm => "alarm",
        ResourceKind.ScheduledAction => "scheduled action",
        _ => kind.ToString(),
    };

    private static void AppendLeftAlone(StringBuilder sb, ScalingPlan plan, bool color)
    {
        foreach (var c in plan.Changes.Where(c => c.Action == ChangeAction.LeftAlone))
            sb.Append(Paint($"  = {Label(c.Kind)} {T(c.Name)}  ({T(c.Note)})", Dim, color)).Append('\n');
    }

    private static string T(object? value) => SafeText.Neutralize(value?.ToString());

    private static string Paint(string text, string code, bool color) => color ? code + text + Reset : text;
}
