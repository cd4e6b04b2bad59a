using System.Text;
using LoadLab.Core.Errors;
using LoadLab.Core.Scenarios;

namespace LoadLab.Engine.Payloads;

/// <summary>
/// The bodies a run sends, read once before the load starts: one file, every file of a folder (in ordinal name
/// order), or each non-empty line of a JSON-lines file. Request n sends body n mod count, so the rotation is
/// deterministic and the same on every shard.
/// </summary>
public sealed class PayloadSet
{
    private readonly Payload[] _items;

    public PayloadSet(IReadOnlyList<Payload> items, string contentType, string? accept = null)
    {
        if (items.Count == 0) throw new ArgumentException("at least one payload is needed", nameof(items));
        _items = items.ToArray();
        ContentType = contentType;
        Accept = accept;
    }

    public string ContentType { get; }
    public string? Accept { get; }
    public int Count => _items.Length;
    public long TotalBytes => _items.Sum(p => (long)p.Body.Length);

    public Payload this[long sequence] => _items[(int)(sequence % _items.Length)];

    /// <summary>An empty body (GET-style targets, or a scenario without a payload).</summary>
    public static PayloadSet Empty(string contentType = "application/json") => new([new Payload([], "empty")], contentType);

    /// <summary>
    /// The payloads of a loaded scenario: the bodies the scenario loader already read (<see cref="PayloadSpec.Bodies"/>),
    /// or, for a spec built in code without bodies, the files it names (see <see cref="Load"/>).
    /// </summary>
    public static PayloadSet From(PayloadSpec? spec, string? baseDirectory, string source = "scenario")
    {
        if (spec is { Bodies.Count: > 0 })
            return new PayloadSet(spec.Bodies.Select(b => new Payload(b.Content, b.Source)).ToList(), spec.ContentType, spec.Accept);
        return Load(spec, baseDirectory, source);
    }

    /// <summary>
    /// Loads the payload a scenario names. Relative paths resolve against <paramref name="baseDirectory"/> (the
    /// scenario's folder). Problems (missing file, empty folder) become <see cref="UserInputException"/> (exit 2).
    /// </summary>
    public static PayloadSet Load(PayloadSpec? spec, string? baseDirectory, string source = "scenario")
    {
        if (spec is null) return Empty();
        string Resolve(string p) => Path.GetFullPath(Path.IsPathRooted(p) || baseDirectory is null ? p : Path.Combine(baseDirectory, p));
        try
        {
            if (spec.Inline is { } inline)
                return new PayloadSet([new Payload(Encoding.UTF8.GetBytes(inline), "inline")], spec.ContentType, spec.Accept);
            if (spec.File is { } file)
            {
                var path = Resolve(file);
                if (!File.Exists(path)) throw Bad(source, "payload.file", $"file not found: {path}");
                return new PayloadSet([new Payload(File.ReadAllBytes(path), Path.GetFileName(path))], spec.ContentType, spec.Accept);
            }
            if (spec.Folder is { } folder)
            {
                var path = Resolve(folder);
                if (!Directory.Exists(path)) throw Bad(source, "payload.folder", $"folder not found: {path}");
                var files = Directory.GetFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0) throw Bad(source, "payload.folder", $"the folder has no files: {path}");
                return new PayloadSet(files.Select(f => new Payload(File.ReadAllBytes(f), Path.GetFileName(f))).ToList(),
                    spec.ContentType, spec.Accept);
            }
            if (spec.Jsonl is { } jsonl)
            {
                var path = Resolve(jsonl);
                if (!File.Exists(path)) throw Bad(source, "payload.jsonl", $"file not found: {path}");
                var items = new List<Payload>();
                var n = 0;
                foreach (var line in File.ReadLines(path, Encoding.UTF8))
                {
                    n++;
                    if (line.Trim().Length == 0) continue;
                    items.Add(new Payload(Encoding.UTF8.GetBytes(line), $"line {n}"));
                }
                if (items.Count == 0) throw Bad(source, "payload.jsonl", $"the file has no non-empty line: {path}");
                return new PayloadSet(items, spec.ContentType, spec.Accept);
            }
        }
        catch (IOException e)
        {
            throw Bad(source, "payload", e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Bad(source, "payload", e.Message);
        }
        return Empty(spec.ContentType);
    }

    private static UserInputException Bad(string source, string field, string message) => new(source, field, message);
}
