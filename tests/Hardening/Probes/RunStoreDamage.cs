using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using DslRunner.RunFiles;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// A damaged manifest, checkpoint or metrics file in a run folder is detected and reported by resume and by rerun
/// (exit code 1 and a message naming the file), never silently used.
/// </summary>
public static class RunStoreDamage
{
    sealed record Case(string Name, string File, Action<string> Damage, string ResumeError, string RerunError);

    static readonly Case[] Cases =
    [
        new("truncated manifest", RunManifest.FileName, Truncate, "is not a valid manifest", "is not a valid manifest"),
        new("manifest config edited", RunManifest.FileName,
            path => File.WriteAllText(path, File.ReadAllText(path).Replace("\"d_model\": 32", "\"d_model\": 64")),
            "corrupted: its config does not match its config_hash", "corrupted: its config does not match its config_hash"),
        new("truncated checkpoint", TrainingCheckpoint.FileName, Truncate, "is truncated", "checkpoint.bin"),
        new("flipped checkpoint byte", TrainingCheckpoint.FileName, FlipByte, "does not match its SHA-256", "checkpoint.bin"),
        new("corrupted metrics line", RunFileNames.Metrics,
            path => File.WriteAllLines(path, File.ReadAllLines(path).Select((line, i) => i == 3 ? line[..(line.Length / 2)] : line)),
            "not a metrics record, and not a torn last line", "not a metrics record"),
        new("metrics lines lost", RunFileNames.Metrics,
            path => File.WriteAllLines(path, File.ReadAllLines(path).Skip(5)),
            "truncated or corrupted", "metrics.jsonl"),
    ];

    static void Truncate(string path) => File.WriteAllBytes(path, File.ReadAllBytes(path)[..(int)(new FileInfo(path).Length / 2)]);

    static void FlipByte(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length * 3 / 4] ^= 0x40;
        File.WriteAllBytes(path, bytes);
    }

    public static ProbeResult Run()
    {
        var failures = new List<string>();
        using var folder = new TempFolder();
        var experiments = new[] { new TestExperiment(TestExperiment.Tiny(seed: 5, steps: 20)) };
        string runs = Path.Combine(folder.Path, "runs");
        var first = Cli(["run", "tiny", "--runs", runs], experiments);
        if (first.Exit != ExitCodes.Ok) return Result([$"the clean run failed: {first.Error}"]);
        string clean = RunLocator.Find("tiny", runs);

        foreach (var @case in Cases)
        {
            foreach (var (command, expected) in new[] { ("resume", @case.ResumeError), ("rerun", @case.RerunError) })
            {
                string damaged = Path.Combine(folder.Path, "damaged", Guid.NewGuid().ToString("N"), "tiny", "run");
                Copy(clean, damaged);
                @case.Damage(Path.Combine(damaged, @case.File));
                var (exit, output, error) = Cli([command, damaged, "--runs", Path.GetDirectoryName(Path.GetDirectoryName(damaged))!], experiments);
                string said = error + output;
                if (exit != ExitCodes.Failed) failures.Add($"{@case.Name}: {command} exited {exit}, expected {ExitCodes.Failed}");
                if (!said.Contains(expected, StringComparison.Ordinal))
                    failures.Add($"{@case.Name}: {command} did not report '{expected}': {error.Trim()}");
            }
        }
        return Result(failures);
    }

    static ProbeResult Result(IReadOnlyList<string> failures) =>
        new("bad input", "damaged run files detected, never used", $"{Cases.Length} damages × resume, rerun",
            "each reported with exit code 1 and the file's problem", failures);

    static (int Exit, string Output, string Error) Cli(string[] args, IReadOnlyList<IExperiment> experiments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = DslRunnerCli.Run(args, experiments, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
