using DslRunner.Cli.Commands;
using DslRunner.Config;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Runs;

public sealed class NumericEnvironmentTests
{
    static readonly NumericEnvironment Recorded = new(
        "portable", "AMD EPYC", ["avx", "avx2", "fma", "avx512f", "avx512_bf16"], "AVX2",
        "Intel(R) oneAPI Math Kernel Library Version 2024.2", "Intel(R) MKL-DNN v3.7.1", "2.10.0.0", 2,
        NumericPins.Portable.ToDictionary(), DeterministicAlgorithms: true);

    [Fact]
    public void A_run_records_the_numeric_environment_of_the_process_that_trained_it()
    {
        using var runs = new TempFolder();
        var outcome = ExperimentRunner.Run(new TestExperiment(TestExperiment.Tiny(steps: 4)), runs.Path, SilentProgress.Instance);

        var manifest = RunManifest.Read(outcome.Folder!);
        var numeric = manifest.Numeric!;
        Assert.Equal(NumericPins.Name(TorchRuntime.Mode), numeric.Mode);
        Assert.Equal(ExpectedAtenCapability(), numeric.AtenCapability);
        Assert.Contains("Math Kernel Library", numeric.MklVersion);
        Assert.Contains("MKL-DNN", numeric.OneDnnVersion);
        Assert.Equal(1, numeric.Threads);
        Assert.Contains("avx2", numeric.CpuFeatures);
        // The test process was started with these settings (or none): what .NET read at start-up is what native code saw.
        foreach (string name in NumericPins.Variables) Assert.Equal(Environment.GetEnvironmentVariable(name), numeric.Settings.GetValueOrDefault(name));
        Assert.Equal(MetricsHash.Of(outcome.Metrics), manifest.MetricsHash);
        Assert.Equal("synthetic", manifest.Corpus!.Corpus);
    }

    /// <summary>
    /// ATen's kernel level from the CPU's flags, as its dispatcher picks it (AVX-512 needs F, BW, VL and DQ), unless the
    /// process was started with ATEN_CPU_CAPABILITY.
    /// </summary>
    static string ExpectedAtenCapability()
    {
        var flags = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("flags", StringComparison.Ordinal)).Split(' ').ToHashSet();
        string? requested = Environment.GetEnvironmentVariable(NumericPins.AtenCpuCapability)?.ToUpperInvariant();
        bool avx512 = new[] { "avx512f", "avx512bw", "avx512vl", "avx512dq" }.All(flags.Contains), avx2 = flags.Contains("avx2") && flags.Contains("fma");
        return requested switch
        {
            "DEFAULT" => "DEFAULT",
            "AVX2" when avx2 => "AVX2",
            _ when avx512 && requested is null or "AVX512" => "AVX512",
            _ when avx2 => "AVX2",
            _ => "DEFAULT",
        };
    }

    [Fact]
    public void Rerun_explains_drift_between_two_machines_and_what_identity_to_expect()
    {
        var intel = Recorded with { Cpu = "Intel(R) Xeon(R) Platinum 8480+", CpuFeatures = ["avx", "avx2", "fma", "avx512f", "amx_tile"] };
        var newerMkl = intel with { MklVersion = "Intel(R) oneAPI Math Kernel Library Version 2025.0" };
        var defaultHere = intel with { Mode = "default", AtenCapability = "AVX512", Settings = new Dictionary<string, string>(), DeterministicAlgorithms = false };
        var text = new StringWriter();
        foreach (var (title, here) in new[] { ("portable, other CPU", intel), ("portable, other MKL", newerMkl), ("default here", defaultHere) })
        {
            text.WriteLine($"## {title}");
            RerunCommand.PrintDrift(text, NumericDrift.Between(Recorded, here, null!));
        }
        var noAvx2 = intel with { CpuFeatures = ["avx"] };

        Assert.True(Recorded.ExpectsIdentityWith(Recorded).Expected);
        Assert.False(Recorded.ExpectsIdentityWith(intel).Expected); // portable mode is not shown to hold across CPU models
        Assert.False(Recorded.ExpectsIdentityWith(newerMkl).Expected);
        Assert.False(Recorded.ExpectsIdentityWith(noAvx2).Expected);
        Assert.False((Recorded with { Mode = "default" }).ExpectsIdentityWith(intel with { Mode = "default" }).Expected);
        Snapshot.Match(text.ToString(), "Runs/numeric-drift.txt");
    }

    [Fact]
    public void Rerun_refuses_when_a_text_corpus_file_changed_and_with_the_flag_warns_instead()
    {
        using var runs = new TempFolder();
        string corpus = Path.Combine(runs.Path, "corpus.txt");
        File.WriteAllText(corpus, string.Concat(Enumerable.Range(0, 4000).Select(i => $"line {i % 97} of the fixture text\n")));
        var config = TestExperiment.Tiny(steps: 4);
        var experiment = new TestExperiment(config with { Data = config.Data with { Corpus = CorpusKind.Text, Path = corpus, Tokens = 40_000 } });
        var outcome = ExperimentRunner.Run(experiment, Path.Combine(runs.Path, "runs"), SilentProgress.Instance);
        var recorded = RunManifest.Read(outcome.Folder!).Corpus!;
        Assert.Equal(DslRunner.RunFiles.FileHash.Sha256(corpus), Assert.Single(recorded.Files!).Value);

        File.AppendAllText(corpus, "one more line\n");

        var refused = Assert.Throws<InvalidOperationException>(() => RunVerifier.Rerun(experiment, outcome.Folder!, SilentProgress.Instance));
        Assert.Contains("corpus.txt: content changed", refused.Message);
        Assert.Contains("--allow-corpus-change", refused.Message);
        var report = RunVerifier.Rerun(experiment, outcome.Folder!, SilentProgress.Instance, allowCorpusChange: true);
        Assert.Contains(report.CorpusChanges, change => change.Contains("corpus.txt: content changed"));
    }
}
