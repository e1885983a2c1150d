using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Experiments;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Tests.Runs;
using DslRunner.RunFiles;
using DslRunner.Training;

namespace DslRunner.Tests.Native;

/// <summary>
/// Portable numerics end to end, in child processes (this test process has libtorch loaded in default mode): the pins
/// reach the native libraries of the process that trains, two portable runs agree bit for bit, and a run under one
/// deliberately different pin does not.
/// </summary>
public sealed class PortableModeTests(Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public async Task Portable_runs_pin_the_native_libraries_and_regenerate_bit_for_bit_while_another_pin_changes_the_metrics()
    {
        using var runs = new TempFolder();
        var otherPin = new Dictionary<string, string?>(NumericPins.Portable.ToDictionary(p => p.Key, p => (string?)p.Value))
        {
            [NumericPins.MklCbwr] = "COMPATIBLE",
            [NumericPins.ModeVariable] = null,
        };
        var portableRun = Task.Run(() => CliProcess.Run(new Dictionary<string, string?>(), "run", "tiny-gpt", "--portable", "--runs", Path.Combine(runs.Path, "portable")));
        var otherRun = CliProcess.Run(otherPin, "run", "tiny-gpt", "--runs", Path.Combine(runs.Path, "other"));
        var portable = await portableRun;
        Assert.True(portable.Exit == ExitCodes.Ok, portable.Error);
        Assert.True(otherRun.Exit == ExitCodes.Ok, otherRun.Error);

        string folder = RunLocator.Find("tiny-gpt", Path.Combine(runs.Path, "portable"));
        var manifest = RunManifest.Read(folder);
        var numeric = manifest.Numeric!;
        Assert.True(numeric.Portable);
        Assert.Equal("AVX2", numeric.AtenCapability); // ATen itself, asked in the training process, runs its AVX2 kernels
        Assert.Equal(NumericPins.Portable.OrderBy(p => p.Key), numeric.Settings.OrderBy(p => p.Key));
        Assert.True(numeric.DeterministicAlgorithms);
        var other = RunManifest.Read(RunLocator.Find("tiny-gpt", Path.Combine(runs.Path, "other")));
        Assert.Equal("COMPATIBLE", other.Numeric!.Settings[NumericPins.MklCbwr]);
        Assert.NotEqual(manifest.MetricsHash, other.MetricsHash);

        var rerun = CliProcess.Run(new Dictionary<string, string?>(), "rerun", folder);

        Assert.True(rerun.Exit == ExitCodes.Ok, rerun.Output + rerun.Error);
        Assert.Contains("tolerance: exact (bit-identical)", rerun.Output);
        Assert.Contains("bit-identity expected: yes", rerun.Output);
        Assert.Contains($"metrics hash: recorded {manifest.MetricsHash}, re-run {manifest.MetricsHash}", rerun.Output);
        // The hash is printed, not pinned: it has been shown equal only on one CPU model (the rounded values below agree
        // between AMD EPYC and Intel Xeon; their last bits do not).
        log.WriteLine($"portable tiny-gpt metrics hash on {CpuInfo.Identity}: {manifest.MetricsHash}");
        Assert.Equal(NumericEnvironment.PortableScope, numeric.Verified);
        var metrics = MetricsLog.Read(Path.Combine(folder, RunFileNames.Metrics));
        Snapshot.Match(PinnedRunTests.RenderMetrics(metrics), "Runs/tiny-gpt.portable.run.txt");
    }

    [Fact]
    public void Rerun_of_a_portable_run_made_on_an_intel_xeon_says_what_is_verified_and_compares_within_the_cross_machine_tolerance()
    {
        // A portable tiny-gpt run folder made on an Intel Xeon (AVX-512, AMX) at the declaration it still has.
        string fixture = Path.Combine(Snapshot.RepositoryRoot(), "tests", "Native", "Fixtures", "intel-xeon-portable");
        using var runs = new TempFolder();
        foreach (string file in Directory.GetFiles(fixture, "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(runs.Path, Path.GetRelativePath(fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        string folder = Directory.GetDirectories(Path.Combine(runs.Path, "tiny-gpt")).Single();
        var recorded = RunManifest.Read(folder).Numeric!;
        Assert.StartsWith("Intel(R) Xeon(R)", recorded.Cpu);

        var rerun = CliProcess.Run(new Dictionary<string, string?>(), "rerun", folder);

        log.WriteLine(rerun.Output);
        Assert.True(rerun.Exit == ExitCodes.Ok, rerun.Output + rerun.Error);
        if (recorded.Cpu == CpuInfo.Model && recorded.CpuFeatures.SequenceEqual(NumericEnvironment.TrackedFeatures.Where(CpuInfo.Flags.Contains)))
        {
            Assert.Contains("tolerance: exact (bit-identical)", rerun.Output);
            return;
        }
        Assert.Contains("bit-identity expected: no (both runs are portable with the same libraries and pins on another CPU model", rerun.Output);
        Assert.Contains("tolerance: within 2 % relative", rerun.Output);
        Assert.Contains("MATCH: every metric is reproduced.", rerun.Output);
    }

    [Fact]
    public void A_process_that_loaded_libtorch_in_default_mode_refuses_a_portable_run_and_says_to_start_a_new_process()
    {
        TorchRuntime.EnsureLoaded();
        var error = new StringWriter();

        int exit = DslRunnerCli.Run(["run", "tiny-gpt", "--portable", "--runs", Path.GetTempPath()], ExperimentRegistry.All, TextWriter.Null, error);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("already loaded libtorch in default mode", error.ToString());
        Assert.Contains("new process", error.ToString());
    }

    [Fact]
    public void The_dsl_key_or_the_flag_makes_a_run_portable()
    {
        var config = TestExperiment.Tiny();
        var portable = config with { Train = config.Train with { Reproducibility = Reproducibility.Portable } };

        Assert.Equal(Reproducibility.Default, ExperimentRunner.ModeOf(config, Reproducibility.Default));
        Assert.Equal(Reproducibility.Portable, ExperimentRunner.ModeOf(portable, Reproducibility.Default));
        Assert.Equal(Reproducibility.Portable, ExperimentRunner.ModeOf(config, Reproducibility.Portable));
        Assert.Throws<InvalidOperationException>(() => ExperimentRunner.Run(new TestExperiment(portable), null, SilentProgress.Instance));
    }

    [Fact]
    public void Dotnets_own_environment_does_not_reach_native_code_but_the_native_setter_does()
    {
        string name = "DSLRUNNER_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "managed");
        Assert.Null(NativeEnvironment.Get(name));

        NativeEnvironment.Set(name, "native");

        Assert.Equal("native", NativeEnvironment.Get(name));
        Assert.Equal("native", Environment.GetEnvironmentVariable(name));
    }

    [Fact]
    public void A_child_process_gets_the_pins_of_its_mode_and_a_default_child_drops_only_what_portable_mode_set()
    {
        var portable = NumericPins.ChildEnvironment(Reproducibility.Portable);
        Assert.Equal("portable", portable[NumericPins.ModeVariable]);
        foreach (var (name, value) in NumericPins.Portable) Assert.Equal(value, portable[name]);
        Assert.Equal("default", NumericPins.ChildEnvironment(Reproducibility.Default)[NumericPins.ModeVariable]);

        var start = new System.Diagnostics.ProcessStartInfo("true");
        NumericPins.ApplyTo(start, Reproducibility.Portable);
        Assert.Equal("AVX2", start.Environment[NumericPins.MklCbwr]);
        Assert.Contains("export ATEN_CPU_CAPABILITY=avx2\n", NumericPins.ShellLines(Reproducibility.Portable));
        Assert.Throws<InvalidOperationException>(() => NumericPins.Parse("fast"));
    }
}
