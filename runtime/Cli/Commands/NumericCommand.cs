using System.CommandLine;
using DslRunner.Native;

namespace DslRunner.Cli.Commands;

/// <summary>`numeric fingerprint`: one hash per kernel family, to compare two machines' numerics family by family.</summary>
public static class NumericCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var portable = CliOptions.Portable();
        var threads = new Option<int>("--threads")
        {
            Description = "Intra-op threads (part of the numeric identity, as a run's train.threads).",
            DefaultValueFactory = _ => 1,
        };
        var compare = new Option<string[]>("--compare")
        {
            Description = "Fingerprint files (as this command prints them) to compare with: lists the families that differ.",
            AllowMultipleArgumentsPerToken = true,
        };
        var fingerprint = new Command("fingerprint",
            "Run each kernel family the models use on fixed inputs in this numeric mode and print one hash per family.")
        {
            portable, threads, compare,
        };
        fingerprint.SetAction(parse =>
        {
            int count = parse.GetValue(threads);
            if (count < 1) throw new UsageException($"--threads must be at least 1 (got {count})");
            var others = (parse.GetValue(compare) ?? []).Select(path => File.Exists(path)
                ? (Path: path, Print: NumericFingerprint.Parse(File.ReadAllText(path)))
                : throw new UsageException($"no fingerprint file '{path}'")).ToList();
            TorchRuntime.EnsureLoaded(CliOptions.Mode(parse.GetValue(portable)));
            string text = NumericFingerprint.Render(NumericFingerprint.Compute(count), count);
            cli.Output.Write(text);
            var mine = NumericFingerprint.Parse(text);
            foreach (var (path, other) in others)
            {
                var differing = mine.DifferingFamilies(other);
                string setting = other.Mode == mine.Mode && other.Threads == mine.Threads
                    ? "" : $" (recorded in mode {other.Mode}, {other.Threads} thread(s): not the same setting)";
                cli.Output.WriteLine(differing.Count == 0
                    ? $"{path}: every family equal{setting}"
                    : $"{path}: differ in {string.Join(", ", differing)}{setting}");
            }
            return ExitCodes.Ok;
        });
        return new Command("numeric", "The numeric environment: which kernels give which bits on this machine.") { fingerprint };
    }
}
