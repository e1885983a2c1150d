using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.RunFiles;
using DslRunner.Training;

namespace DslRunner.Tests.Cli;

/// <summary>The README's promises about <c>rerun</c> and <c>resume</c>: what they refuse, what rerun reports, and its cross-machine tolerance.</summary>
public sealed class RerunAndResumeTests
{
    static readonly ExperimentConfig TinyConfig = TestExperiment.Tiny(seed: 5, steps: 10);

    static (int Exit, string Output, string Error) Cli(ExperimentConfig config, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = DslRunnerCli.Run(args, [new TestExperiment(config)], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    static string RunTiny(TempFolder runs)
    {
        var (exit, _, error) = Cli(TinyConfig, "run", "tiny", "--runs", runs.Path);
        Assert.True(exit == ExitCodes.Ok, error);
        return RunLocator.Find("tiny", runs.Path);
    }

    static int RunCount(TempFolder runs) => Directory.GetDirectories(Path.Combine(runs.Path, "tiny")).Length;

    [Fact]
    public void Rerun_refuses_a_changed_declaration_and_lists_the_changed_keys()
    {
        using var runs = new TempFolder();
        string folder = RunTiny(runs);
        var changed = TinyConfig with { Train = TinyConfig.Train with { Steps = 11 } };

        var (exit, output, error) = Cli(changed, "rerun", folder, "--runs", runs.Path);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("'tiny' is no longer declared as it was for", error);
        Assert.Contains("changed keys: train.steps 10 → 11", error);
        Assert.DoesNotContain("MATCH", output);
        Assert.Equal(1, RunCount(runs));
    }

    [Fact]
    public void Resume_of_a_finished_run_changes_nothing_and_says_so()
    {
        using var runs = new TempFolder();
        string folder = RunTiny(runs);
        var before = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToDictionary(f => f, File.ReadAllBytes);

        var (exit, output, error) = Cli(TinyConfig, "resume", folder, "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains($"{folder} finished at ", output);
        Assert.Contains("nothing to resume; its manifest, metrics and checkpoint are left as they are", output);
        Assert.DoesNotContain("tokens/s", output);
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
        Assert.Throws<InvalidOperationException>(() => ExperimentRunner.Resume(new TestExperiment(TinyConfig), folder, SilentProgress.Instance));
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
    }

    [Fact]
    public void Rerun_refuses_a_run_that_did_not_finish()
    {
        using var runs = new TempFolder();
        Assert.Throws<CrashingProgress.SimulatedCrash>(() => ExperimentRunner.Run(new TestExperiment(TinyConfig), runs.Path, new CrashingProgress(6)));
        string folder = RunLocator.Find("tiny", runs.Path);

        var (exit, _, error) = Cli(TinyConfig, "rerun", folder, "--runs", runs.Path);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains($"{folder} did not finish (status {RunManifest.Read(folder).Status}); resume it first", error);
        Assert.Equal(1, RunCount(runs));
    }

    [Fact]
    public void Resume_refuses_a_changed_config()
    {
        using var runs = new TempFolder();
        Assert.Throws<CrashingProgress.SimulatedCrash>(() => ExperimentRunner.Run(new TestExperiment(TinyConfig), runs.Path, new CrashingProgress(6)));
        string folder = RunLocator.Find("tiny", runs.Path);
        string metricsBefore = File.ReadAllText(Path.Combine(folder, RunFileNames.Metrics));
        var changed = TinyConfig with { Train = TinyConfig.Train with { Optimizer = TinyConfig.Train.Optimizer with { Lr = 2e-2 } } };

        var (exit, _, error) = Cli(changed, "resume", folder, "--runs", runs.Path);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("the experiment 'tiny' has changed since", error);
        Assert.Contains("resume needs the same config", error);
        Assert.Equal(metricsBefore, File.ReadAllText(Path.Combine(folder, RunFileNames.Metrics)));
    }

    [Fact]
    public void Rerun_reports_recorded_files_that_were_modified_even_when_the_metrics_match()
    {
        using var runs = new TempFolder();
        string folder = RunTiny(runs);
        File.AppendAllText(Path.Combine(folder, RunFileNames.Summary), "edited by hand\n");

        var (exit, output, _) = Cli(TinyConfig, "rerun", folder, "--runs", runs.Path);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains($"modified since the run finished: {RunFileNames.Summary}", output);
        Assert.Contains("metrics reproduced, but recorded files were modified", output);
        Assert.DoesNotContain("MISMATCH", output);
    }

    /// <summary>
    /// A recorded validation loss moved by 1 %: a rerun on a machine of another kind accepts it (within 2 %), the same
    /// kind does not (exact). The manifest vouches for the edited metrics, so only the tolerance decides.
    /// </summary>
    [Fact]
    public void Rerun_compares_exactly_on_the_same_kind_of_machine_and_within_two_percent_across_kinds()
    {
        using var runs = new TempFolder();
        string folder = RunTiny(runs);
        string metrics = Path.Combine(folder, RunFileNames.Metrics);
        var lines = File.ReadAllLines(metrics);
        int line = Array.FindIndex(lines, l => l.Contains("\"split\":\"validation\"", StringComparison.Ordinal));
        lines[line] = Regex.Replace(lines[line], "\"loss\":([0-9.eE+-]+)", match =>
            "\"loss\":" + (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 1.01).ToString("R", CultureInfo.InvariantCulture));
        File.WriteAllLines(metrics, lines);
        string original = File.ReadAllText(Path.Combine(folder, RunManifest.FileName));

        // The machine kind and, where the manifest records it, the numeric environment's CPU.
        EditManifest(folder, manifest =>
        {
            manifest["files"]![RunFileNames.Metrics] = FileHash.Sha256(metrics);
            manifest["machine"]!["cpu"] = "a CPU of another kind";
            if (manifest["numeric"] is JsonObject numeric) numeric["cpu"] = "a CPU of another kind";
        });
        var across = Cli(TinyConfig, "rerun", folder, "--runs", runs.Path);
        File.WriteAllText(Path.Combine(folder, RunManifest.FileName), original);
        EditManifest(folder, manifest => manifest["files"]![RunFileNames.Metrics] = FileHash.Sha256(metrics));
        var same = Cli(TinyConfig, "rerun", folder, "--runs", runs.Path);

        Assert.True(across.Exit == ExitCodes.Ok, across.Output + across.Error);
        Assert.Matches(@"tolerance: within 2 ?% relative", across.Output);
        Assert.Contains("MATCH", across.Output);
        Assert.Equal(ExitCodes.Failed, same.Exit);
        Assert.Contains("tolerance: exact (bit-identical)", same.Output);
        Assert.Contains("MISMATCH: 1 metric value(s) differ", same.Output);
    }

    static void EditManifest(string folder, Action<JsonNode> edit)
    {
        string path = Path.Combine(folder, RunManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }
}
