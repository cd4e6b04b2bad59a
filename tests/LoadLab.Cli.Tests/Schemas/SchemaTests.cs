namespace LoadLab.Cli.Tests.Schemas;

/// <summary>
/// schemas/*.schema.json are the records' own contract: regenerated here from the records and compared byte for
/// byte, so a field renamed in code without its schema fails. LOADLAB_REGENERATE_SCHEMAS=1 rewrites them instead.
/// </summary>
public sealed class SchemaTests
{
    public static TheoryData<string> Files() => [.. SchemaCatalog.Entries.Select(e => e.File)];

    [Theory]
    [MemberData(nameof(Files))]
    public void The_committed_schema_is_the_one_the_record_generates(string file)
    {
        var entry = SchemaCatalog.For(file);
        var generated = SchemaCatalog.Generate(entry);
        var path = Path.Combine(ChildProcess.RepoRoot, "schemas", entry.SchemaFileName);
        if (Environment.GetEnvironmentVariable("LOADLAB_REGENERATE_SCHEMAS") == "1") File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"schemas/{entry.SchemaFileName} is missing: run the tests once with LOADLAB_REGENERATE_SCHEMAS=1");
        Assert.Equal(generated, File.ReadAllText(path));
    }

    [Fact]
    public void A_schema_refuses_what_the_record_would_not_write()
    {
        // The schemas must be able to fail: a run.json without its seed, and one whose seed is text, are invalid.
        var entry = SchemaCatalog.For("run.json");
        var dir = Directory.CreateTempSubdirectory("loadlab-schema-").FullName;
        try
        {
            var noSeed = Path.Combine(dir, "no-seed.json");
            File.WriteAllText(noSeed, """{ "scenario_name": "x", "target": { "kind": "http" }, "tool_version": "0.1.0", "load_model": "open", "start_utc": "2026-01-01T00:00:00Z" }""");
            Assert.Contains(SchemaCatalog.Validate(entry, noSeed), e => e.Contains("seed", StringComparison.Ordinal));
            var textSeed = Path.Combine(dir, "text-seed.json");
            File.WriteAllText(textSeed, """{ "scenario_name": "x", "target": { "kind": "http" }, "seed": "five", "tool_version": "0.1.0", "load_model": "open", "start_utc": "2026-01-01T00:00:00Z" }""");
            Assert.NotEmpty(SchemaCatalog.Validate(entry, textSeed));
        }
        finally { Directory.Delete(dir, true); }
    }
}
