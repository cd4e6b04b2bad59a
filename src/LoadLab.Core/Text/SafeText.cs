using System.Globalization;
using System.Text;

namespace LoadLab.Core.Text;

/// <summary>
/// Neutralises the characters a string read from a file could use against a terminal or a reader: C0 and C1 control
/// characters (ESC starts the sequences that set a terminal's title, move the cursor or rewrite a line; CR overwrites
/// one) and the Unicode bidirectional controls that reorder what is shown (U+202E makes "txt.exe" read "exe.txt").
/// They become visible stand-ins: C0 controls their Control Pictures (ESC → ␛), the others "&lt;U+202E&gt;", so a
/// reader sees that something was there. Line feeds and tabs stay.
/// </summary>
public static class SafeText
{
    /// <summary>The string with every dangerous character replaced; the same instance when there is none.</summary>
    public static string Neutralize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        int i = 0;
        while (i < text.Length && !IsDangerous(text[i])) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length + 8).Append(text, 0, i);
        for (; i < text.Length; i++) Append(sb, text[i]);
        return sb.ToString();
    }

    /// <summary>True for a character <see cref="Neutralize"/> replaces.</summary>
    public static bool IsDangerous(char c) =>
        (c < 0x20 && c is not ('\n' or '\t')) || c is >= '\u007f' and <= '\u009f' || IsBidiControl(c);

    /// <summary>U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069: the characters that change display order.</summary>
    public static bool IsBidiControl(char c) => c is '\u061c' or '\u200e' or '\u200f' or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';

    internal static void Append(StringBuilder sb, char c)
    {
        if (!IsDangerous(c)) sb.Append(c);
        else if (c < 0x20) sb.Append((char)(0x2400 + c));
        else if (c == '\u007f') sb.Append('\u2421');
        else sb.Append("<U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('>');
    }
}
