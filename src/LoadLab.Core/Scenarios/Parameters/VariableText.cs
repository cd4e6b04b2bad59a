using System.Text;

namespace LoadLab.Core.Scenarios.Parameters;

/// <summary>
/// Expands <c>${NAME}</c> and <c>${NAME:-default}</c> in one scenario value, as a shell does: the default is used
/// when the variable is unset or empty; <c>$${</c> writes a literal <c>${</c>. A lone <c>$</c> stays as it is, so
/// existing values such as <c>$ref</c> keep their meaning.
/// </summary>
internal static class VariableText
{
    /// <summary>A reference that could not be expanded: where it starts in the value, and why.</summary>
    public sealed record Failure(int Offset, string Message);

    public static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public static bool HasReference(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>The expanded text, or null with every failure (unset variable without a default, unclosed or bad reference).</summary>
    public static string? Expand(string text, Func<string, string?> lookup, List<Failure> failures)
    {
        var result = new StringBuilder(text.Length);
        var failed = false;
        var i = 0;
        while (i < text.Length)
        {
            if (string.CompareOrdinal(text, i, "$${", 0, 3) == 0)
            {
                result.Append("${");
                i += 3;
                continue;
            }
            if (string.CompareOrdinal(text, i, "${", 0, 2) != 0)
            {
                result.Append(text[i++]);
                continue;
            }
            var close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                failures.Add(new Failure(i, $"'{Shorten(text[i..])}' is not closed: write ${{NAME}} or ${{NAME:-default}}"));
                return null;
            }
            var inner = text[(i + 2)..close];
            var sep = inner.IndexOf(":-", StringComparison.Ordinal);
            var name = sep < 0 ? inner : inner[..sep];
            if (!IsName(name))
            {
                failures.Add(new Failure(i, $"'{name}' in ${{{Shorten(inner)}}} is not a variable name (letters, digits and '_', not starting with a digit)"));
                failed = true;
            }
            else
            {
                var value = lookup(name);
                if (sep >= 0 && string.IsNullOrEmpty(value)) value = inner[(sep + 2)..];
                if (value is null)
                {
                    failures.Add(new Failure(i, $"variable {name} is not set: set it in the environment, pass -e {name}=VALUE, or give a default (${{{name}:-value}})"));
                    failed = true;
                }
                else result.Append(value);
            }
            i = close + 1;
        }
        return failed ? null : result.ToString();
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";
}
