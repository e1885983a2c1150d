using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslRunner.Tests.Generator;

/// <summary>The emitted C# compiles against the real runtime assembly.</summary>
public sealed class GeneratedCodeCompilesTests
{
    static readonly string ExperimentsFolder = Path.Combine(Infrastructure.Snapshot.RepositoryRoot(), "experiments");

    [Fact]
    public void Every_experiment_in_the_project_compiles_against_the_runtime()
    {
        var files = Directory.GetFiles(ExperimentsFolder, "*.experiment.yaml", SearchOption.AllDirectories)
            .Select(path => (path, File.ReadAllText(path))).ToArray();

        AssertCompiles(GeneratorHarness.Run(files));
    }

    /// <summary>The generated files, with the user's own sources, compile without errors or warnings.</summary>
    internal static CSharpCompilation AssertCompiles(GeneratorRunResult result, params string[] userSources)
    {
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        var trees = result.GeneratedSources.Select(s => CSharpSyntaxTree.ParseText(s.SourceText, GeneratorHarness.ParseOptions, s.HintName))
            .Concat(userSources.Select(s => CSharpSyntaxTree.ParseText(s, GeneratorHarness.ParseOptions)));
        var compilation = GeneratorHarness.CreateCompilation(trees);
        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        Assert.Empty(problems);
        return compilation;
    }
}
