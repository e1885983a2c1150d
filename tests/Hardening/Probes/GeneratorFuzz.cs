using System.Diagnostics;
using System.Globalization;
using DslRunner.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// Mutated YAML and mutated attributed C# through the real generator driver: the generator never throws (the driver
/// would report the exception), and each document yields experiment code that parses, or diagnostics. A sample of the
/// documents that emitted code (the first <c>compiled</c>) is compiled, with the mutated C# beside it, against the
/// runtime assembly: the generated files must compile without errors.
/// </summary>
public static class GeneratorFuzz
{
    const string YamlPath = "/project/mutated.experiment.yaml";
    static readonly string[] SharedSources = ["ExperimentRegistry.g.cs", "DslRunner.Declarations.g.cs"];

    public static ProbeResult Yaml(int documents, int seed, int compiled)
    {
        var mutator = new Mutator(RepositoryFiles.ExperimentSeeds(), Mutator.YamlFragments, seed);
        var compilation = GeneratorHarness.CreateCompilation([]);
        return Fuzz("generator never throws on mutated YAML", documents, mutator, compiled, userSource: false, text =>
            GeneratorHarness.CreateDriver([new InMemoryText(YamlPath, text)]).RunGenerators(compilation).GetRunResult().Results.Single());
    }

    public static ProbeResult CSharp(int documents, int seed, int compiled)
    {
        var seeds = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "tests", "Invalid", "CSharp"), "*.cs.txt")
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).Append(AttributedSeed).ToList();
        var mutator = new Mutator(seeds, Mutator.CSharpFragments, seed);
        return Fuzz("generator never throws on mutated attributed C#", documents, mutator, compiled, userSource: true, text =>
            GeneratorHarness.RunWithNamedSources([], [("/project/Mutated.cs", text)]));
    }

    static ProbeResult Fuzz(string property, int documents, Mutator mutator, int sample, bool userSource, Func<string, GeneratorRunResult> run)
    {
        var failures = new List<string>();
        int diagnostics = 0, emitted = 0, exceptions = 0, compiled = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < documents; i++)
        {
            string text = mutator.Next();
            var result = run(text);
            if (result.Exception is { } exception)
            {
                exceptions++;
                failures.Add($"document {i} threw {exception.GetType().Name}: {exception.Message}\n---\n{text}\n---");
                continue;
            }
            diagnostics += result.Diagnostics.Length;
            var experiments = result.GeneratedSources.Where(s => !SharedSources.Contains(s.HintName)).ToList();
            if (experiments.Count > 0) emitted++;
            foreach (var source in experiments)
            {
                var error = CSharpSyntaxTree.ParseText(source.SourceText, GeneratorHarness.ParseOptions).GetDiagnostics()
                    .FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
                if (error is not null) failures.Add($"document {i}: {source.HintName} does not parse: {error}");
            }
            if (experiments.Count > 0 && compiled < sample)
            {
                compiled++;
                if (CompileError(result, userSource ? text : null) is { } error)
                    failures.Add($"document {i}: the generated code does not compile: {error}\n---\n{text}\n---");
            }
        }
        clock.Stop();
        if (emitted > 0 && sample > 0 && compiled == 0) failures.Add("no emitted code was compiled");
        // Mutants that stay valid must still give code: a generator that emitted nothing would otherwise pass.
        if (documents >= 20 && emitted < documents / 20)
            failures.Add($"only {emitted} of {documents} mutated documents emitted an experiment class");
        return new ProbeResult("bad input", property, $"{documents:N0} documents",
            string.Create(CultureInfo.InvariantCulture,
                $"{diagnostics:N0} diagnostics, {emitted:N0} emitted code ({compiled} compiled), {exceptions} exceptions, {clock.Elapsed.TotalSeconds:F1} s"),
            failures);
    }

    /// <summary>The first error located in a generated file when the output compiles with the user's source; null when none.</summary>
    static string? CompileError(GeneratorRunResult result, string? userSource)
    {
        var generated = result.GeneratedSources
            .Select(s => CSharpSyntaxTree.ParseText(s.SourceText, GeneratorHarness.ParseOptions, "/generated/" + s.HintName)).ToList();
        var trees = userSource is null ? generated : [.. generated, CSharpSyntaxTree.ParseText(userSource, GeneratorHarness.ParseOptions, "/project/Mutated.cs")];
        var compilation = GeneratorHarness.CreateCompilation(trees);
        return compilation.GetDiagnostics()
            .FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generated.Contains(tree))
            ?.ToString();
    }

    const string AttributedSeed = """
        using DslRunner.Config;
        using DslRunner.Declarations;

        namespace Lab;

        [Experiment("quickstart", Description = "A GPT on the synthetic corpus.", Seed = 1234)]
        [Data(Corpus = CorpusKind.Synthetic, Tokens = 400000, Validation = 0.05, Test = 0.05)]
        [Tokenizer(Kind = TokenizerKind.Char)]
        [Transformer(Layers = 2, DModel = 128, Heads = 4, Context = 64, Head = OutputHead.Tied)]
        [CrossEntropyLoss]
        [Train(Batch = 32, Steps = 300, EvalEvery = 50, Threads = 2)]
        [Optimizer(Kind = OptimizerKind.AdamW, Lr = 3.0e-3, WeightDecay = 0.1)]
        [Schedule(Warmup = 20, Decay = DecayKind.Cosine)]
        [GreedyDecoder(MaxTokens = 160)]
        [Variant("wide", "model.d_model", 256)]
        [Sweep("train.steps", 100, 200)]
        [Eval(Metrics = new[] { "perplexity" }, Prompts = new[] { "the " })]
        public partial class Quickstart
        {
        }
        """;
}
