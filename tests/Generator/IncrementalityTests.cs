using DslRunner.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslRunner.Tests.Generator;

/// <summary>Editing one experiment re-emits that experiment only; everything else comes from the cache.</summary>
public sealed class IncrementalityTests
{
    const int FileCount = 12;

    static string Experiment(int index, int steps = 10) => $"""
        experiment: exp-{index:D2}
        data: {"{"} tokens: 10000 {"}"}
        model: {"{"} kind: transformer, layers: 1, d_model: 32, heads: 4, context: 16 {"}"}
        train: {"{"} batch: 4, steps: {steps} {"}"}
        """;

    static List<AdditionalText> Files() =>
        [.. Enumerable.Range(0, FileCount).Select(i => (AdditionalText)new InMemoryText($"/project/exp-{i:D2}.experiment.yaml", Experiment(i)))];

    static (GeneratorDriver Driver, CSharpCompilation Compilation) RunOnce(List<AdditionalText> files)
    {
        var compilation = GeneratorHarness.CreateCompilation([]);
        return (GeneratorHarness.CreateDriver(files).RunGenerators(compilation), compilation);
    }

    static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void Editing_one_of_many_experiment_files_leaves_the_other_experiments_cached()
    {
        var files = Files();
        var (driver, compilation) = RunOnce(files);

        driver = driver.ReplaceAdditionalText(files[5], new InMemoryText(files[5].Path, Experiment(5, steps: 20)));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(
            [IncrementalStepRunReason.Modified, .. Enumerable.Repeat(IncrementalStepRunReason.Cached, FileCount - 1)],
            OutputReasons(result, TrackingNames.YamlDocuments).OrderBy(r => r != IncrementalStepRunReason.Modified));
        foreach (var step in new[] { TrackingNames.Declarations, TrackingNames.BoundExperiments, TrackingNames.Specs })
        {
            var reasons = OutputReasons(result, step).ToList();
            Assert.Equal(FileCount, reasons.Count);
            Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
            Assert.All(reasons.Where(r => r != IncrementalStepRunReason.Modified),
                r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        }
        var changed = Assert.Single(result.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("exp-05", changed.Value.ToString());
    }

    [Fact]
    public void Moving_a_declaration_down_a_line_changes_its_declaration_but_not_its_generated_code()
    {
        var files = Files();
        var (driver, compilation) = RunOnce(files);

        driver = driver.ReplaceAdditionalText(files[3], new InMemoryText(files[3].Path, "# a comment moves every line down\n" + Experiment(3)));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        // The declaration tree holds source spans, so it changed; the spec holds none, so nothing is re-emitted.
        Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(result, TrackingNames.Declarations));
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, OutputReasons(result, TrackingNames.Specs));
        Assert.DoesNotContain(IncrementalStepRunReason.New, OutputReasons(result, TrackingNames.Specs));
    }

    [Fact]
    public void Adding_an_unrelated_source_file_reruns_nothing_of_the_yaml_experiments()
    {
        var files = Files();
        var (driver, compilation) = RunOnce(files);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Lab; public static class Unrelated { }", GeneratorHarness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(OutputReasons(result, TrackingNames.YamlDocuments), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(OutputReasons(result, TrackingNames.Specs), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(OutputReasons(result, TrackingNames.Registry), r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }
}
