using System.Text;
using LoadLab.Core.Errors;

namespace LoadLab.Core.Scenarios.Loading;

/// <summary>
/// Reads request bodies once, at load time, so a missing or unreadable payload is a validation error and never a
/// failure in the middle of a run.
/// </summary>
internal static class PayloadReader
{
    /// <summary>SageMaker real-time InvokeEndpoint refuses request bodies over 6 MB.</summary>
    public const int SageMakerMaxBytes = 6 * 1024 * 1024;
    private const int MaxFolderFiles = 100_000;
    private const int MaxProblemsPerSource = 10;

    public static IReadOnlyList<PayloadBody>? ReadFile(string path, string display, string field, PayloadChecks checks, List<Problem> problems, Func<string, Problem> at)
    {
        if (Directory.Exists(path))
        {
            problems.Add(at($"{display} is a folder (use 'folder:' to rotate through its files)"));
            return null;
        }
        var bytes = ReadBytes(path, display, problems, at);
        if (bytes is null) return null;
        var before = problems.Count;
        CheckBody(bytes, display, field, checks, problems, at);
        return problems.Count > before ? null : [new PayloadBody(Path.GetFileName(path), bytes)];
    }

    public static IReadOnlyList<PayloadBody>? ReadFolder(string path, string display, string field, PayloadChecks checks, List<Problem> problems, Func<string, Problem> at)
    {
        if (File.Exists(path))
        {
            problems.Add(at($"{display} is a file, not a folder (use 'file:' for one body)"));
            return null;
        }
        if (!Directory.Exists(path))
        {
            problems.Add(at($"folder not found: {display}"));
            return null;
        }
        List<string> files;
        try
        {
            // Sorted by ordinal name so the rotation order is the same on every machine; hidden files are skipped.
            files = Directory.EnumerateFiles(path)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(at($"cannot list the folder {display}: {e.Message}"));
            return null;
        }
        if (files.Count == 0)
        {
            problems.Add(at($"the folder {display} has no files"));
            return null;
        }
        if (files.Count > MaxFolderFiles)
        {
            problems.Add(at($"the folder {display} has {files.Count} files; at most {MaxFolderFiles} are supported"));
            return null;
        }
        var before = problems.Count;
        var bodies = new List<PayloadBody>(files.Count);
        foreach (var file in files)
        {
            var fileDisplay = Path.Combine(display, Path.GetFileName(file));
            var bytes = ReadBytes(file, fileDisplay, problems, at);
            if (bytes is null) continue;
            CheckBody(bytes, fileDisplay, field, checks, problems, at);
            bodies.Add(new PayloadBody(Path.GetFileName(file), bytes));
        }
        return problems.Count > before ? null : bodies;
    }

    public static IReadOnlyList<PayloadBody>? ReadJsonLines(string path, string display, string field, PayloadChecks checks, List<Problem> problems, Func<string, Problem> at)
    {
        if (Directory.Exists(path))
        {
            problems.Add(at($"{display} is a folder; 'jsonl:' needs a file with one JSON document per line"));
            return null;
        }
        var bytes = ReadBytes(path, display, problems, at);
        if (bytes is null) return null;
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        var lines = text.Split('\n');
        var bodies = new List<PayloadBody>();
        var bad = 0;
        var name = Path.GetFileName(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var body = Encoding.UTF8.GetBytes(line);
            var problem = JsonSyntax.Check(body, display, field, "not a JSON document", lineOffset: i);
            if (problem is not null)
            {
                if (++bad <= MaxProblemsPerSource) problems.Add(problem);
                continue;
            }
            if (checks.MaxBytes is { } max && body.Length > max)
            {
                problems.Add(new Problem(display, i + 1, 1, field, $"line is {body.Length:N0} bytes; {checks.LimitReason}"));
                bad++;
                continue;
            }
            bodies.Add(new PayloadBody($"{name}:{i + 1}", body));
        }
        if (bad > MaxProblemsPerSource)
            problems.Add(at($"{display}: ... and {bad - MaxProblemsPerSource} more lines that are not JSON"));
        if (bad > 0) return null;
        if (bodies.Count == 0)
        {
            problems.Add(at($"{display} has no lines (JSON lines: one request body per line)"));
            return null;
        }
        return bodies;
    }

    public static IReadOnlyList<PayloadBody>? ReadInline(string text, string display, string field, PayloadChecks checks, List<Problem> problems, Func<string, Problem> at)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var before = problems.Count;
        CheckBody(bytes, display, field, checks with { InlineField = true }, problems, at);
        return problems.Count > before ? null : [new PayloadBody("inline", bytes)];
    }

    private static byte[]? ReadBytes(string path, string display, List<Problem> problems, Func<string, Problem> at)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add(at($"file not found: {display}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(at($"cannot read {display}: {e.Message}"));
        }
        return null;
    }

    private static void CheckBody(byte[] bytes, string display, string field, PayloadChecks checks, List<Problem> problems, Func<string, Problem> at)
    {
        if (bytes.Length == 0)
        {
            problems.Add(at(checks.InlineField ? "is empty (omit payload to send no body)" : $"{display} is empty (omit payload to send no body)"));
            return;
        }
        if (checks.MaxBytes is { } max && bytes.Length > max)
        {
            problems.Add(at($"{display} is {bytes.Length:N0} bytes; {checks.LimitReason}"));
            return;
        }
        if (checks.ExpectJson && !checks.InlineField)
        {
            var problem = JsonSyntax.Check(bytes, display, field, "contentType is JSON but the file is not valid JSON");
            if (problem is not null) problems.Add(problem);
        }
    }
}

/// <summary>What every body must satisfy: JSON when the content type says so; a size limit for SageMaker.</summary>
internal sealed record PayloadChecks(bool ExpectJson, int? MaxBytes, string LimitReason, bool InlineField = false);
