using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Experiments;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Tests.Sweeps;
using DslRunner.RunFiles;
using DslRunner.Training;

namespace DslRunner.Tests.Cli;

/// <summary>
/// <c>--set</c> on an attributed-C# experiment with a parameterised C# loss term (experiments/pinned/TinyPenaltyInCSharp.cs):
/// every declared key can be overridden, the C# term stays as written with its declared β, and such a run re-runs and resumes.
/// </summary>
public sealed class CSharpExperimentOverrideTests
{
    const string Name = "tiny-penalty-cs";
    static readonly string[] Overrides = ["train.steps=8", "train.eval_every=4", "model.d_model=16"];

    static IEnumerable<string> Deterministic(IEnumerable<MetricsRecord> metrics) =>
        metrics.Select(m => $"{m.Step} {m.Split} " + string.Join(" ",
            m.Values.Where(v => !MetricsComparison.IsTiming(v.Key)).Select(v => $"{v.Key}={v.Value:R}")));

    [Fact]
    public void A_run_with_set_keeps_the_declared_csharp_term_and_reruns_exactly()
    {
        using var runs = new TempFolder();

        var (exit, output, error) = SweepCli.Run(["run", Name, .. Overrides.SelectMany(o => new[] { "--set", o }), "--runs", runs.Path]);

        Assert.True(exit == ExitCodes.Ok, error);
        string folder = RunLocator.Find(Name, runs.Path);
        var manifest = RunManifest.Read(folder);
        Assert.Equal(Overrides, manifest.Overrides);
        Assert.Equal(16, ((DslRunner.Models.TransformerConfig)manifest.Config.Model).DModel);
        Assert.Equal(new CustomLossConfig("DslRunner.Experiments.Pinned.LogitPenalty", "beta=0.01"), manifest.Config.Loss[1]);
        var train = MetricsLog.Read(Path.Combine(folder, RunFileNames.Metrics)).First(r => r.Split == "train").Values;
        Assert.True(train["loss/logit_penalty"] > 0);
        Assert.Contains("training loss = cross_entropy + logit_penalty", output);

        var rerun = SweepCli.Run("rerun", folder, "--runs", runs.Path);
        Assert.True(rerun.Exit == ExitCodes.Ok, rerun.Output + rerun.Error);
        Assert.Contains("MATCH", rerun.Output);
    }

    [Fact]
    public void An_interrupted_run_with_set_resumes_to_the_metrics_of_an_uninterrupted_one()
    {
        var declared = ExperimentRegistry.All.Single(e => e.Config.Name == Name);
        var experiment = ConfiguredExperiment.WithOverrides(declared, Overrides);
        using var uninterruptedRoot = new TempFolder();
        var uninterrupted = ExperimentRunner.Run(experiment, uninterruptedRoot.Path, SilentProgress.Instance, overrides: Overrides);
        using var runs = new TempFolder();
        Assert.Throws<CrashingProgress.SimulatedCrash>(() =>
            ExperimentRunner.Run(experiment, runs.Path, new CrashingProgress(crashAfterStep: 6), overrides: Overrides));
        string folder = RunLocator.Find(Name, runs.Path);

        var (exit, _, error) = SweepCli.Run("resume", folder, "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Equal(Deterministic(uninterrupted.Metrics), Deterministic(MetricsLog.Read(Path.Combine(folder, RunFileNames.Metrics))));
    }

    [Fact]
    public void Overrides_cannot_replace_a_csharp_component()
    {
        var (exit, _, error) = SweepCli.Run("run", Name, "--set", "loss=[{cross_entropy: {}}]");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("the C# loss terms, decoders and metrics of 'tiny-penalty-cs' stay as the experiment declares them", error);
    }
}
