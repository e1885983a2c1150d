using System.Text.Json;
using DslRunner.Generator.Schema;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Generator;

/// <summary>
/// generator/build/experiment.schema.json is generated from the generator's own schema definitions; this test
/// regenerates it and fails when the committed file is stale, through the snapshot flow (DSLRUNNER_ACCEPT_SNAPSHOTS=1
/// rewrites it, locally only).
/// </summary>
public sealed class JsonSchemaTests
{
    static readonly string CommittedPath = Path.Combine(Snapshot.RepositoryRoot(), "generator", "build", JsonSchemaWriter.FileName);

    [Fact]
    public void The_committed_json_schema_is_the_one_the_schema_definitions_generate() =>
        Snapshot.MatchFile(JsonSchemaWriter.Write(), CommittedPath);

    [Fact]
    public void The_json_schema_describes_keys_ranges_and_choices()
    {
        using var document = JsonDocument.Parse(JsonSchemaWriter.Write());
        var defs = document.RootElement.GetProperty("$defs");

        var transformer = defs.GetProperty("transformer");
        Assert.Equal(1, transformer.GetProperty("properties").GetProperty("d_model").GetProperty("minimum").GetInt32());
        Assert.Equal(["layers", "d_model", "heads", "context", "kind"],
            transformer.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(defs.GetProperty("transformer.partial").TryGetProperty("required", out _));
        var p = defs.GetProperty("top_p").GetProperty("properties").GetProperty("p");
        Assert.Equal((0.0, 1.0), (p.GetProperty("exclusiveMinimum").GetDouble(), p.GetProperty("maximum").GetDouble()));
        Assert.Equal(["synthetic", "text", "chinese-poetry", "brown"],
            defs.GetProperty("data").GetProperty("properties").GetProperty("corpus").GetProperty("oneOf").EnumerateArray()
                .Select(choice => choice.GetProperty("const").GetString()));
        Assert.Equal(["experiment", "data", "model", "train"],
            document.RootElement.GetProperty("else").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }
}
