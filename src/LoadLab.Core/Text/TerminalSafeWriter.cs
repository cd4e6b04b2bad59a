using System.Text;

namespace LoadLab.Core.Text;

/// <summary>
/// A writer for the terminal that passes LoadLab's own colours (SGR sequences: ESC [ digits and ';' m) and neutralises
/// every other control or bidi character with <see cref="SafeText"/>, so a string from a run file that reaches the
/// console cannot set the title (OSC), move the cursor or reorder a line. Wrap stdout and stderr once, where the
/// command line is composed.
/// </summary>
public sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    /// <summary>The writer this one protects (to tell whether output goes to the real console).</summary>
    public TextWriter Inner => inner;

    /// <summary><paramref name="writer"/> wrapped once (a writer already wrapped is returned as it is).</summary>
    public static TerminalSafeWriter Wrap(TextWriter writer) => writer as TerminalSafeWriter ?? new TerminalSafeWriter(writer);

    /// <summary>The writer under any <see cref="TerminalSafeWriter"/>.</summary>
    public static TextWriter Unwrap(TextWriter writer) => writer is TerminalSafeWriter safe ? safe.Inner : writer;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        inner.Write(Clean(value));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => inner.WriteLine(Clean(value ?? ""));

    public override void WriteLine() => inner.WriteLine();

    public override void Flush() => inner.Flush();

    /// <summary>The text with SGR colour sequences kept and every other dangerous character neutralised.</summary>
    public static string Clean(string text)
    {
        if (!text.Any(SafeText.IsDangerous)) return text;
        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u001b' && SgrLength(text, i) is > 0 and var n)
            {
                sb.Append(text, i, n);
                i += n - 1;
            }
            else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') sb.Append('\r'); // a Windows line end
            else SafeText.Append(sb, text[i]);
        }
        return sb.ToString();
    }

    // ESC [ (digits|;)* m
    private static int SgrLength(string s, int at)
    {
        if (at + 2 >= s.Length || s[at + 1] != '[') return 0;
        int j = at + 2;
        while (j < s.Length && (char.IsAsciiDigit(s[j]) || s[j] == ';')) j++;
        return j < s.Length && s[j] == 'm' ? j - at + 1 : 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Flush();
        base.Dispose(disposing);
    }
}
