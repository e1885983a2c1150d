using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Models;
using DslRunner.RunFiles;

namespace DslRunner.Tests.Cli;

public sealed class CliTests
{
    static readonly IExperiment Tiny = new TestExperiment(TestExperiment.Tiny(seed: 3, steps: 20));

    static readonly IExperiment Wider = new TestExperiment(TestExperiment.Tiny(seed: 3, steps: 20) with
    {
        Name = "tiny-wide",
        Model = new TransformerConfig(Layers: 1, DModel: 48, Heads: 2, Context: 32, Head: OutputHead.Tied, Dropout: 0, CosineScale: null),
    });

    static (int Exit, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = DslRunnerCli.Run(args, [Tiny, Wider], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_writes_a_complete_run_folder()
    {
        using var runs = new TempFolder();

        var (exit, output, error) = Cli("run", "tiny", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains("final validation loss", output);
        string folder = RunLocator.Find("tiny", runs.Path);
        foreach (string file in new[] { "manifest.json", "config.json", "metrics.jsonl", "summary.md", "report.md", "loss.png", "token_vectors.png", "checkpoint.bin", "samples.json", "tokenizer.json" })
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing");
        var manifest = RunManifest.Read(folder);
        Assert.Equal("finished", manifest.Status);
        Assert.Equal(RunManifest.HashConfig(Tiny.Config), manifest.ConfigHash);
        Assert.Empty(manifest.ChangedFiles(folder));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(folder, "loss.png"))[..4]);
        // TensorBoard holds every metric as a split/metric scalar at its step, read back with an independent reader.
        var scalars = TensorBoardEvents.ReadScalars(Path.Combine(folder, "tensorboard"));
        var expected = MetricsLog.Read(Path.Combine(folder, "metrics.jsonl"))
            .SelectMany(record => record.Values.Select(v => new TensorBoardEvents.Scalar($"{record.Split}/{v.Key}", record.Step, (float)v.Value)))
            .ToList();
        Assert.Contains(expected, scalar => scalar.Tag == "validation/loss");
        Assert.Equal(expected.OrderBy(s => s.Tag, StringComparer.Ordinal).ThenBy(s => s.Step),
            scalars.OrderBy(s => s.Tag, StringComparer.Ordinal).ThenBy(s => s.Step));
    }

    [Fact]
    public void Rerun_of_a_fresh_run_matches_and_rerun_after_tampering_fails_with_the_diff()
    {
        using var runs = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Cli("run", "tiny", "--runs", runs.Path).Exit);
        string folder = RunLocator.Find("tiny", runs.Path);

        var clean = Cli("rerun", folder, "--runs", runs.Path);
        Assert.True(clean.Exit == ExitCodes.Ok, clean.Output + clean.Error);
        Assert.Contains("MATCH", clean.Output);
        Assert.Contains("exact", clean.Output);

        string metrics = Path.Combine(folder, "metrics.jsonl");
        var lines = File.ReadAllLines(metrics);
        int line = Array.FindIndex(lines, l => l.Contains("\"split\":\"validation\""));
        lines[line] = System.Text.RegularExpressions.Regex.Replace(lines[line], "\"loss\":[0-9.]+", "\"loss\":0.125");
        File.WriteAllLines(metrics, lines);

        var tampered = Cli("rerun", folder, "--runs", runs.Path);
        Assert.Equal(ExitCodes.Failed, tampered.Exit);
        Assert.Contains("MISMATCH", tampered.Output);
        Assert.Contains("metrics.jsonl", tampered.Output);
        Assert.Matches(@"10  validation  loss\s+0\.125\s+[0-9.]+", tampered.Output);
    }

    [Fact]
    public void Diff_of_two_experiments_lists_the_changed_DSL_keys()
    {
        var (exit, output, _) = Cli("diff", "tiny", "tiny-wide", "--markdown");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("| `model.d_model` | 32 | 48 |", output);
        Assert.DoesNotContain("`model.layers`", output);
    }

    [Fact]
    public void A_run_with_more_threads_than_cores_warns_with_the_numbers_and_keeps_its_declared_count()
    {
        using var runs = new TempFolder();
        int cores = Environment.ProcessorCount;

        var tiny = TestExperiment.Tiny(steps: 2);
        var crowded = new TestExperiment(tiny with { Train = tiny.Train with { Threads = cores + 1 } });
        var error = new StringWriter();

        int exit = DslRunnerCli.Run(["run", "tiny", "--runs", runs.Path], [crowded], TextWriter.Null, error);

        Assert.True(exit == ExitCodes.Ok, error.ToString());
        Assert.Contains($"warning: train.threads is {cores + 1} on {cores} cores", error.ToString());
        Assert.Equal(cores + 1, RunManifest.Read(RunLocator.Find("tiny", runs.Path)).Threads);
        Assert.Null(DslRunner.Cli.Commands.RunCommand.ThreadsWarning(cores, cores));
    }

    [Fact]
    public void Unknown_experiments_and_runs_are_usage_errors()
    {
        using var runs = new TempFolder();
        var run = Cli("run", "nope", "--runs", runs.Path);
        Assert.Equal(ExitCodes.Usage, run.Exit);
        Assert.Contains("no experiment named 'nope' ('list' shows all 2)", run.Error);

        var rerun = Cli("rerun", "tiny", "--runs", runs.Path);
        Assert.Equal(ExitCodes.Usage, rerun.Exit);
        Assert.Contains("no run 'tiny'", rerun.Error);
    }

    [Fact]
    public void A_misspelt_name_gets_the_closest_known_one_instead_of_the_whole_list()
    {
        using var runs = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Cli("run", "tiny", "--runs", runs.Path).Exit);
        string id = Path.GetFileName(RunLocator.Find("tiny", runs.Path));

        var experiment = Cli("run", "tiyn-wide", "--runs", runs.Path);
        var run = Cli("report", "tiyn", "--runs", runs.Path);
        // One character off the real id, whatever its last digit is.
        var runId = Cli("report", "tiny/" + id[..^1] + (id[^1] == '9' ? "8" : "9"), "--runs", runs.Path);

        Assert.Equal(ExitCodes.Usage, experiment.Exit);
        Assert.Contains("no experiment named 'tiyn-wide'; did you mean 'tiny-wide'? ('list' shows all 2)", experiment.Error);
        Assert.DoesNotContain("tiny, tiny-wide", experiment.Error);
        Assert.Equal(ExitCodes.Usage, run.Exit);
        Assert.Contains("no run 'tiyn'; did you mean 'tiny'?", run.Error);
        Assert.Contains($"did you mean 'tiny/{id}'?", runId.Error);
    }

    [Theory]
    [InlineData(new[] { "rnu", "tiny" }, "'rnu' is not a command; did you mean 'run'?", "see 'dslrunner --help'")]
    [InlineData(new[] { "run", "tiny", "--sead", "3" }, "Unrecognized command or argument '--sead'", "see 'dslrunner run --help'")]
    [InlineData(new[] { "run" }, "Required argument missing", "see 'dslrunner run --help'")]
    public void A_command_line_the_parser_refuses_is_exit_code_2_with_one_line_per_problem_not_the_help(string[] args, string problem, string pointer)
    {
        var (exit, output, error) = Cli(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(problem, error);
        Assert.Contains(pointer, error);
        Assert.DoesNotContain("Usage:", output + error);
    }

    [Fact]
    public void Data_fetch_names_the_corpora_it_knows()
    {
        var (exit, _, error) = Cli("data", "fetch", "wikipedia");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("unknown corpus 'wikipedia'; fetchable corpora: chinese-poetry, brown", error);
    }

    [Fact]
    public void Data_fetch_without_npm_fails_and_says_what_to_install()
    {
        using var cache = new TempFolder();
        using var emptyPath = new TempFolder();
        using var cacheVariable = new ScopedEnvironment(DslRunner.Data.CachePaths.EnvironmentVariable, cache.Path);
        using var path = new ScopedEnvironment("PATH", emptyPath.Path);

        var (exit, output, error) = Cli("data", "fetch", "chinese-poetry");

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("error: the chinese-poetry corpus is fetched with 'npm pack chinese-poetry", error);
        Assert.Contains("but 'npm' could not be run", error);
        Assert.Contains("Install Node.js (it ships npm)", error);
        Assert.DoesNotContain("chinese-poetry:", output);
        Assert.False(File.Exists(Path.Combine(cache.Path, "corpora", "chinese-poetry", "source.json")));
    }

    [Fact]
    public void A_corrupted_manifest_is_reported_not_used()
    {
        using var runs = new TempFolder();
        Assert.Equal(ExitCodes.Ok, Cli("run", "tiny", "--runs", runs.Path).Exit);
        string folder = RunLocator.Find("tiny", runs.Path);
        string manifest = Path.Combine(folder, RunManifest.FileName);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"d_model\": 32", "\"d_model\": 64"));

        var (exit, _, error) = Cli("rerun", folder, "--runs", runs.Path);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("corrupted: its config does not match its config_hash", error);
    }

    [Fact]
    public void The_manifest_records_the_generated_code_hash_and_rerun_reports_a_different_one()
    {
        using var runs = new TempFolder();
        var recorded = new TestExperiment(TestExperiment.Tiny(seed: 3, steps: 10)) { GeneratedCodeHash = new string('a', 64) };
        var regenerated = new TestExperiment(recorded.Config) { GeneratedCodeHash = new string('b', 64) };
        Assert.Equal(ExitCodes.Ok, DslRunnerCli.Run(["run", "tiny", "--runs", runs.Path], [recorded], TextWriter.Null, TextWriter.Null));
        string folder = RunLocator.Find("tiny", runs.Path);
        Assert.Equal(recorded.GeneratedCodeHash, RunManifest.Read(folder).GeneratedCodeHash);

        var output = new StringWriter();
        int exit = DslRunnerCli.Run(["rerun", folder, "--runs", runs.Path], [regenerated], output, TextWriter.Null);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"generated code differs from the run's: recorded {recorded.GeneratedCodeHash}, now {regenerated.GeneratedCodeHash}", output.ToString());
        Assert.Contains("MATCH", output.ToString());
    }
}
