using System.Collections.Immutable;
using System.Text;
using DslRunner.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DslRunner.Tests.Generator;

/// <summary>Runs the experiment generator in memory, the way the compiler does in a build.</summary>
public static class GeneratorHarness
{
    public const string RootNamespace = "DslRunner.Experiments";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>A driver that records every step's run reason (for incrementality tests) unless told not to.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, bool trackSteps = true) =>
        CSharpGeneratorDriver.Create(
            [new ExperimentGenerator().AsSourceGenerator()],
            files,
            ParseOptions,
            new OptionsProvider(RootNamespace),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRunResult Run(params (string Path, string Text)[] files) =>
        Run(files, []);

    public static GeneratorRunResult Run(IEnumerable<(string Path, string Text)> files, IEnumerable<string> sources) =>
        RunWithNamedSources(files, sources.Select(source => ("", source)));

    /// <summary>Runs on YAML files and on C# sources, each source parsed with the given file path.</summary>
    public static GeneratorRunResult RunWithNamedSources(IEnumerable<(string Path, string Text)> files, IEnumerable<(string Path, string Text)> sources)
    {
        var driver = CreateDriver(files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)));
        var compilation = CreateCompilation(sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)));
        return driver.RunGenerators(compilation).GetRunResult().Results.Single();
    }

    /// <summary>A library compilation that references the runtime (and TorchSharp), as the experiments project does.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            "GeneratedExperiments",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // Not the experiments project's own assembly: the compilations under test declare its types afresh.
        string harness = typeof(GeneratorHarness).Assembly.Location;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat([typeof(IExperiment).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location])
            .Where(path => path != harness && Path.GetFileName(path) != "dslrunner.dll")
            .Distinct();
        return [.. paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    });

    /// <summary>
    /// A generated class from its opening brace on, without its declaration text and the file's hash: the two front ends
    /// spell the same declaration differently (C# strings are quoted scalars); the config they bind to is compared in the rest.
    /// </summary>
    public static string BodyWithoutDeclaration(string source)
    {
        string body = source[source.IndexOf("\n{\n", StringComparison.Ordinal)..];
        body = System.Text.RegularExpressions.Regex.Replace(body, "GeneratedSourceHash = \"[0-9a-f]*\"", "GeneratedSourceHash = \"\"");
        return System.Text.RegularExpressions.Regex.Replace(body, "public string Declaration => (\"\"\"+\n.*?\n *\\1|\".*?(?<!\\\\)\");",
            "", System.Text.RegularExpressions.RegexOptions.Singleline);
    }

    /// <summary>"DSL0004 quickstart.experiment.yaml(7,36): message" with one-based line and column.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"{diagnostic.Id} {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.GetMessage()}";
    }

    sealed class OptionsProvider(string rootNamespace) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(rootNamespace);
        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        sealed class Options(string? rootNamespace) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(null);

            public override bool TryGetValue(string key, out string value)
            {
                value = rootNamespace ?? "";
                return key == "build_property.RootNamespace" && rootNamespace is not null;
            }
        }
    }
}

/// <summary>An additional file held in memory.</summary>
public sealed class InMemoryText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;
    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
}
