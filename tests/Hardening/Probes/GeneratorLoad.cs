using System.Diagnostics;
using System.Globalization;
using DslRunner.Generator;
using DslRunner.Tests.Generator;
using Microsoft.CodeAnalysis;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// Many experiment files in one compilation: the generator's cold time, its time after one file is edited, and that
/// only the edited file's pipeline produced new output (tracked steps); then the compile time of all generated code.
/// </summary>
public static class GeneratorLoad
{
    static string Experiment(int index, int steps) => string.Create(CultureInfo.InvariantCulture, $$"""
        experiment: load-{{index:D3}}
        description: experiment {{index}} of a large project
        data: { tokens: 10000 }
        model: { kind: transformer, layers: 1, d_model: 32, heads: 4, context: 16 }
        loss:
          - cross_entropy: {}
        train: { batch: 4, steps: {{steps}} }
        decode:
          - greedy: { max_tokens: 8 }
        """);

    public static ProbeResult Run(int files)
    {
        var failures = new List<string>();
        var texts = Enumerable.Range(0, files)
            .Select(i => (AdditionalText)new InMemoryText($"/project/load-{i:D3}.experiment.yaml", Experiment(i, 10))).ToList();
        var compilation = GeneratorHarness.CreateCompilation([]);

        var clock = Stopwatch.StartNew();
        var driver = GeneratorHarness.CreateDriver(texts).RunGenerators(compilation);
        var cold = clock.Elapsed;
        var first = driver.GetRunResult().Results.Single();
        if (first.Exception is not null) failures.Add($"cold run threw {first.Exception.Message}");
        int emitted = first.GeneratedSources.Length;

        int edited = files / 2;
        driver = driver.ReplaceAdditionalText(texts[edited], new InMemoryText(texts[edited].Path, Experiment(edited, 20)));
        clock.Restart();
        driver = driver.RunGenerators(compilation);
        var warm = clock.Elapsed;
        var second = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { TrackingNames.YamlDocuments, TrackingNames.Declarations, TrackingNames.BoundExperiments, TrackingNames.Specs })
        {
            var outputs = second.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            int rerun = outputs.Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
            if (rerun != 1) failures.Add($"{step}: {rerun} of {outputs.Count} outputs changed after editing one file");
        }

        clock.Restart();
        var generated = GeneratorHarness.CreateCompilation(second.GeneratedSources.Select(s => s.SyntaxTree));
        using var image = new MemoryStream();
        var result = generated.Emit(image);
        var compile = clock.Elapsed;
        if (!result.Success) failures.Add("the generated code does not compile: " + result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error));

        return new ProbeResult("load", $"{files} experiment files: one edit re-runs one pipeline", $"{files} files, 1 edited",
            string.Create(CultureInfo.InvariantCulture,
                $"generator cold {cold.TotalMilliseconds:F0} ms, after one edit {warm.TotalMilliseconds:F0} ms; {emitted} sources; compiling them {compile.TotalMilliseconds:F0} ms ({image.Length / 1024} KB)"),
            failures);
    }
}
