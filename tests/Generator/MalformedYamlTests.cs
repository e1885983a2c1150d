namespace DslRunner.Tests.Generator;

/// <summary>A mistake in a YAML experiment is a compiler diagnostic at the file, line and column, never an exception.</summary>
public sealed class MalformedYamlTests
{
    const string Path = "/project/experiments/broken.experiment.yaml";

    [Fact]
    public void A_string_where_layers_wants_an_integer_is_reported_at_its_line_and_column()
    {
        const string yaml = """
            experiment: broken
            data: { corpus: synthetic, tokens: 1000 }
            model: { kind: transformer, layers: two, d_model: 64, heads: 4, context: 32 }
            train: { batch: 4, steps: 10 }
            """;

        var result = GeneratorHarness.Run((Path, yaml));

        Assert.Null(result.Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("DSL0004", diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(Path, span.Path);
        // Zero-based (2, 36): the compiler shows it as broken.experiment.yaml(3,37), where "two" starts.
        Assert.Equal((2, 36), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal((2, 39), (span.EndLinePosition.Line, span.EndLinePosition.Character));
        Assert.Equal("'model.layers' expects an integer, found 'two'", diagnostic.GetMessage());
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == "Broken.g.cs");
    }

    [Fact]
    public void Invalid_yaml_syntax_is_a_diagnostic_not_an_exception()
    {
        const string yaml = "experiment: broken\nmodel: { kind: transformer, layers: 2\n";

        var result = GeneratorHarness.Run((Path, yaml));

        Assert.Null(result.Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("DSL0001", diagnostic.Id);
        Assert.Equal(Path, diagnostic.Location.GetLineSpan().Path);
    }
}
