using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;
using DslRunner.Models;

namespace DslRunner.Tests.Sweeps;

/// <summary>
/// A sweep whose points differ in numeric mode (experiments/pinned/tiny-models: a portable variant beside default
/// points) and in model kind (a variant and a sweep axis that swap the whole model section).
/// </summary>
public sealed class MixedModeSweepTests
{
    [Fact]
    public void A_point_in_the_other_numeric_mode_runs_in_a_child_process_in_its_mode_and_model_kinds_swap_whole_sections()
    {
        using var runs = new TempFolder();

        using var process = DslRunnerProcess.Start("sweep", "tiny-models", "--set", "train.steps=4", "--set", "train.eval_every=2", "--runs", runs.Path);
        DslRunnerProcess.Wait(process);
        string output = DslRunnerProcess.Output(process);

        Assert.True(process.ExitCode == ExitCodes.Ok, output);
        Assert.Matches(@"== \[\d/\d\] tiny-models\.portable: portable numerics, and this process computes in default: running it in a child process", output);
        var sweep = SweepFolder.Find("tiny-models", runs.Path)!;
        var manifests = PointState.ReadAll(sweep, sweep.ReadPlan()).ToDictionary(s => s.Point.Label, s => RunManifest.Read(s.Folder!));
        Assert.Equal(["tiny-models", "tiny-models.lstm", "tiny-models.portable", "tiny-models@model=lstm", "tiny-models@model=transformer"], manifests.Keys.Order());
        Assert.All(manifests, m => Assert.Equal(m.Key == "tiny-models.portable", m.Value.Numeric!.Portable));
        Assert.Equal("AVX2", manifests["tiny-models.portable"].Numeric!.AtenCapability);
        var lstm = Assert.IsType<LstmConfig>(manifests["tiny-models@model=lstm"].Config.Model);
        Assert.Equal((16, 16, OutputHead.Tied), (lstm.Embedding, lstm.Hidden, lstm.Head));
        var narrow = Assert.IsType<TransformerConfig>(manifests["tiny-models@model=transformer"].Config.Model);
        Assert.Equal((1, 16, 2), (narrow.Layers, narrow.DModel, narrow.Heads));
    }

    [Fact]
    public void The_job_script_gives_each_slurm_task_the_settings_of_its_points_mode()
    {
        using var runs = new TempFolder();

        var (exit, _, error) = SweepCli.Run("sweep", "tiny-models", "--launcher", "slurm", "--emit", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        var sweep = SweepFolder.Find("tiny-models", runs.Path)!;
        var plan = sweep.ReadPlan();
        string portable = plan.Points.Single(p => p.Mode == Reproducibility.Portable).Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string others = string.Join('|', plan.Points.Where(p => p.Mode == Reproducibility.Default).Select(p => p.Index));
        string script = File.ReadAllText(Path.Combine(sweep.Path, "sweep.sbatch"));
        Assert.Contains("case \"$SLURM_ARRAY_TASK_ID\" in\n", script);
        Assert.Contains($"  {others})\n    unset ATEN_CPU_CAPABILITY\n", script);
        Assert.Contains("    export DSLRUNNER_REPRODUCIBILITY=default\n", script);
        Assert.Contains($"  {portable})\n    export ATEN_CPU_CAPABILITY=avx2\n    export DNNL_MAX_CPU_ISA=AVX2\n    export DSLRUNNER_REPRODUCIBILITY=portable\n" +
                        "    export MKL_CBWR=AVX2\n    export ONEDNN_MAX_CPU_ISA=AVX2\n    ;;\nesac\nmax_requeues=", script);
    }
}
