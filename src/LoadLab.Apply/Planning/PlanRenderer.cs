using System.Text;

namespace LoadLab.Apply.Planning;

/// <summary>
/// Prints a plan the way Terraform does: "+" added, "~" changed (old -> new), "-" removed, one line per field.
/// Colour (ANSI) only when asked, i.e. when the output is a terminal; files and pipes get plain text.
/// </summary>
public static class PlanRenderer
{
    private const string Green = "\u001b[32m", Yellow = "\u001b[33m", Red = "\u001b[31m", Dim = "\u001b[2m", Reset = "\u001b[0m";

    public static string Render(ScalingPlan plan, bool color = false)
    {
        var sb = new StringBuilder();
        sb.Append("Plan for ").Append(plan.Key.ResourceId).Append(" (").Append(plan.Key.ScalableDimension).Append(")\n");
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
            sb.Append(Paint($"  {sign} {Label(c.Kind)} {c.Name}", col, color));
            if (c.Note is not null) sb.Append(Paint($"  ({c.Note})", Dim, color));
            sb.Append('\n');
            foreach (var f in c.Fields)
            {
                var line = f.Sign switch
                {
                    '+' => Paint($"      + {f.Path}: {f.New}", Green, color),
                    '-' => Paint($"      - {f.Path}: {f.Old}", Red, color),
                    _ => Paint($"      ~ {f.Path}: {f.Old} -> {f.New}", Yellow, color),
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
            sb.Append(Paint($"  = {Label(c.Kind)} {c.Name}  ({c.Note})", Dim, color)).Append('\n');
    }

    private static string Paint(string text, string code, bool color) => color ? code + text + Reset : text;
}
