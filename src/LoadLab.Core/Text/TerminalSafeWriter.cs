using System.Text;

namespace LoadLab.Core.Text;

/// <summary>
/// A writer for the terminal that neutralises every control and bidi character with <see cref="SafeText"/>, ESC
/// included, so a string from a run file that reaches the console cannot set the title (OSC), move the cursor,
/// reorder a line or paint itself (a scenario named "ESC[32mPASS" would look like LoadLab's own green verdict).
/// LoadLab's own colours go through <see cref="WriteOwnColours"/> only, with every file-sourced part of the text
/// neutralised where it was formatted. Wrap stdout and stderr once, where the command line is composed.
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

    /// <summary>
    /// Writes text LoadLab composed itself, keeping its SGR colour sequences (ESC [ digits and ';' m) and neutralising
    /// everything else. The caller neutralises the file-sourced strings inside it (<see cref="SafeText.Neutralize"/>)
    /// where it formats them: here they could no longer be told from LoadLab's own colours.
    /// </summary>
    public void WriteOwnColours(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        inner.Write(Clean(text, keepColours: true));
    }

    /// <summary><see cref="WriteOwnColours"/> when <paramref name="writer"/> is a terminal-safe writer, else a plain write.</summary>
    public static void WriteOwnColours(TextWriter writer, string text)
    {
        if (writer is TerminalSafeWriter safe) safe.WriteOwnColours(text);
        else writer.Write(text);
    }

    /// <summary>The text with every dangerous character neutralised; SGR colour sequences kept only when asked.</summary>
    public static string Clean(string text, bool keepColours = false)
    {
        if (!text.Any(SafeText.IsDangerous)) return text;
        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            if (keepColours && text[i] == '\u001b' && SgrLength(text, i) is > 0 and var n)
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
