using DslRunner.Tests.Generator;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Packaging;

/// <summary>The README's attributed-C# experiment builds as printed: no diagnostic (not even a warning), and it compiles.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_readme_csharp_experiment_builds_without_diagnostics_and_compiles()
    {
        string readme = File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        int start = readme.IndexOf("```csharp\nusing DslRunner.Config;\nusing DslRunner.Declarations;", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README has no attributed-C# experiment");
        start = readme.IndexOf('\n', start) + 1;
        string source = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var result = GeneratorHarness.Run([], [source]);

        var registry = GeneratedAssembly.Registry(GeneratedAssembly.Load(GeneratedCodeCompilesTests.AssertCompiles(result, source)));
        var experiment = Assert.Single(registry);
        Assert.Equal("quickstart-cs", experiment.Config.Name);
        Assert.NotEmpty(experiment.Config.Eval.Prompts);
    }
}
