using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.RunFiles;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// Bad data fails the run with one clear error naming the cause, before training starts: the run's metrics.jsonl
/// holds no line and its manifest says "failed".
/// </summary>
public static class DataErrors
{
    sealed record Case(string Name, byte[]? Corpus, long Tokens, string Expected);

    static readonly byte[] ShortText = "the cat sat on the mat and the dog lay on the rug by the door of the old house. "u8.ToArray();

    static readonly Case[] Cases =
    [
        new("missing file", null, 1_000, "does not exist"),
        new("empty corpus", [], 1_000, "is empty"),
        new("invalid UTF-8", [.. "hello "u8, 0xFF, .. " world"u8], 1_000, "is not valid UTF-8: invalid byte sequence at byte offset 6"),
        new("corpus smaller than one context window", ShortText, 60, "fewer than one context window"),
        new("token budget larger than the corpus", ShortText, 60_000, "fewer than the budget of 60,000 tokens"),
    ];

    public static ProbeResult Run()
    {
        var failures = new List<string>();
        using var folder = new TempFolder();
        foreach (var @case in Cases)
        {
            string corpus = Path.Combine(folder.Path, @case.Name.Replace(' ', '-') + ".txt");
            if (@case.Corpus is not null) File.WriteAllBytes(corpus, @case.Corpus);
            var config = TestExperiment.Tiny(steps: 20) with
            {
                Name = "data-" + @case.Name.Replace(' ', '-'),
                Data = new DataConfig(CorpusKind.Text, @case.Tokens, Validation: 0.1, Test: 0.1, Path: corpus),
            };
            string runs = Path.Combine(folder.Path, "runs");
            var error = new StringWriter();
            int exit = DslRunnerCli.Run(["run", config.Name, "--runs", runs], [new TestExperiment(config)], TextWriter.Null, error);

            if (exit != ExitCodes.Failed) failures.Add($"{@case.Name}: exit code {exit}, expected {ExitCodes.Failed}");
            if (!error.ToString().Contains(@case.Expected, StringComparison.Ordinal))
                failures.Add($"{@case.Name}: the error does not say '{@case.Expected}': {error.ToString().Trim()}");
            string run = RunLocator.Find(config.Name, runs);
            string metrics = Path.Combine(run, RunFileNames.Metrics);
            if (File.Exists(metrics) && new FileInfo(metrics).Length > 0) failures.Add($"{@case.Name}: metrics.jsonl has lines: training started");
            if (RunManifest.Read(run).Status != "failed") failures.Add($"{@case.Name}: the manifest does not say failed");
        }
        return new ProbeResult("bad input", "bad data: clear error before training", $"{Cases.Length} cases",
            "errors name the cause; no metrics line written", failures);
    }
}
