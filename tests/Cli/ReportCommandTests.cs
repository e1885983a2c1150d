using System.Globalization;
using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Models;

namespace DslRunner.Tests.Cli;

/// <summary><c>report</c> rebuilds a run's report.md and plots, and puts several runs side by side.</summary>
public sealed class ReportCommandTests
{
    static readonly ExperimentConfig Narrow = TestExperiment.Tiny(seed: 4, steps: 10);
    static readonly ExperimentConfig Wide = Narrow with
    {
        Name = "tiny-wide",
        Model = new TransformerConfig(Layers: 1, DModel: 48, Heads: 2, Context: 32, Head: OutputHead.Tied, Dropout: 0, CosineScale: null),
    };

    static readonly ExperimentConfig Words = Narrow with { Name = "tiny-words", Tokenizer = new TokenizerConfig(TokenizerKind.Word, 0) };

    static readonly IExperiment[] Experiments = [new TestExperiment(Narrow), new TestExperiment(Wide), new TestExperiment(Words)];

    static (int Exit, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = DslRunnerCli.Run(args, Experiments, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Report_rebuilds_a_runs_report_and_plots_from_its_files()
    {
        using var runs = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Cli("run", "tiny", "--runs", runs.Path).Exit);
        string folder = RunLocator.Find("tiny", runs.Path);
        foreach (string file in new[] { "report.md", "loss.png", "token_vectors.png" }) File.Delete(Path.Combine(folder, file));
        var manifest = RunManifest.Read(folder);

        var (exit, output, error) = Cli("report", "tiny", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains($"wrote {Path.Combine(folder, "report.md")}", output);
        string report = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.StartsWith($"# tiny — run {manifest.RunId}\n", report);
        Assert.Contains("| `model.d_model` | 32 |", report);
        Assert.Contains("![loss](loss.png)", report);
        Assert.Contains($"| validation/loss | {DslRunner.Statistics.Numbers.Format(manifest.Results["validation/loss"])} |", report);
        foreach (string plot in new[] { "loss.png", "token_vectors.png" })
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(folder, plot))[..4]);
    }

    [Fact]
    public void Report_of_two_runs_puts_their_results_and_differing_keys_side_by_side()
    {
        using var runs = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Cli("run", "tiny", "--runs", runs.Path).Exit);
        Assert.Equal(ExitCodes.Ok, Cli("run", "tiny-wide", "--runs", runs.Path).Exit);
        string narrow = RunLocator.Find("tiny", runs.Path), wide = RunLocator.Find("tiny-wide", runs.Path);
        string target = Path.Combine(runs.Path, "compared");

        var (exit, _, error) = Cli("report", "tiny", "tiny-wide", "--runs", runs.Path, "--out", target);

        Assert.True(exit == ExitCodes.Ok, error);
        string report = File.ReadAllText(Path.Combine(target, "report.md"));
        string narrowLabel = $"tiny/{Path.GetFileName(narrow)}", wideLabel = $"tiny-wide/{Path.GetFileName(wide)}";
        Assert.Contains($"| metric | {narrowLabel} | {wideLabel} |", report);
        Assert.Contains("| `model.d_model` | 32 | 48 |", report);
        Assert.DoesNotContain("`model.layers`", report);
        Assert.DoesNotContain("different tokenizers", report);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(target, "validation_loss.png"))[..4]);
    }

    [Fact]
    public void Report_of_runs_with_different_tokenizers_warns_that_their_per_token_losses_do_not_compare()
    {
        using var runs = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Cli("run", "tiny", "--runs", runs.Path).Exit);
        Assert.Equal(ExitCodes.Ok, Cli("run", "tiny-words", "--runs", runs.Path).Exit);
        string target = Path.Combine(runs.Path, "compared");

        var (exit, _, error) = Cli("report", "tiny", "tiny-words", "--runs", runs.Path, "--out", target);

        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains("> **Warning:** these runs use different tokenizers (char, word): loss and perplexity are per token",
            File.ReadAllText(Path.Combine(target, "report.md")));
    }
}
