using System.CommandLine;
using System.Globalization;
using DslRunner.Runs;

namespace DslRunner.Cli.Commands;

public static class RerunCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var run = CliOptions.Run();
        var runs = CliOptions.RunsRoot();
        var allowCorpusChange = new Option<bool>("--allow-corpus-change")
        {
            Description = "Re-run even when the corpus here differs from the recorded one (a warning instead of a refusal).",
        };
        var command = new Command("rerun", "Regenerate a run from its manifest and verify its metrics match.") { run, runs, allowCorpusChange };
        command.SetAction(parse =>
        {
            string folder = RunLocator.Find(parse.GetValue(run)!, parse.GetValue(runs)!);
            var manifest = RunManifest.Read(folder);
            var experiment = cli.ForRun(manifest);
            var report = ProgressFactory.Run(cli.Output, progress => RunVerifier.Rerun(experiment, folder, progress, parse.GetValue(allowCorpusChange)));
            Print(cli.Output, report);
            return report.Matches ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    public static void Print(TextWriter output, RerunReport report)
    {
        output.WriteLine($"recorded: {report.Folder}");
        output.WriteLine($"re-run:   {report.RerunFolder}");
        output.WriteLine($"tolerance: {report.Tolerance}");
        if (report.GeneratedCodeChanged)
            output.WriteLine($"generated code differs from the run's: recorded {Hash(report.RecordedCodeHash)}, now {Hash(report.CurrentCodeHash)}");
        foreach (string change in report.CorpusChanges) output.WriteLine($"warning: corpus differs from the recorded run: {change}");
        if (report.Drift is { } drift) PrintDrift(output, drift);
        if (report.RecordedMetricsHash is { } recordedHash)
            output.WriteLine($"metrics hash: recorded {recordedHash}, re-run {report.RerunMetricsHash}");
        foreach (string file in report.ChangedFiles)
            output.WriteLine($"modified since the run finished: {file} (its SHA-256 no longer matches the manifest)");
        if (report.Differences.Count == 0)
        {
            output.WriteLine(report.Matches ? "MATCH: every metric is reproduced." : "metrics reproduced, but recorded files were modified");
            return;
        }
        output.WriteLine($"MISMATCH: {report.Differences.Count} metric value(s) differ");
        if (report.Drift is { IdentityExpected: true })
            output.WriteLine("bit-identity was expected: the difference comes from something the numeric environment record does not capture");
        output.WriteLine("step  split       metric      recorded          re-run");
        foreach (var d in report.Differences.Take(40))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Step,4}  {d.Split,-10}  {d.Metric,-10}  {Value(d.Recorded),-16}  {Value(d.Rerun)}"));
        if (report.Differences.Count > 40) output.WriteLine($"… and {report.Differences.Count - 40} more");
    }

    static string Hash(string hash) => hash.Length == 0 ? "(none)" : hash;
    public static void PrintDrift(TextWriter output, NumericDrift drift)
    {
        output.WriteLine(drift.Recorded is null
            ? $"numeric environment: not recorded; here {drift.Here.Mode}, {drift.Here.Cpu}, ATen {drift.Here.AtenCapability}"
            : $"numeric environment: recorded {drift.Recorded.Mode}, here {drift.Here.Mode}");
        if (drift.Recorded is not null && drift.Differences.Count == 0) output.WriteLine("  no difference");
        foreach (var (field, recorded, here) in drift.Differences)
            output.WriteLine($"  {field}: {recorded} → {here}");
        output.WriteLine($"bit-identity expected: {(drift.IdentityExpected ? "yes" : "no")} ({drift.Reason})");
    }

    static string Value(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "(missing)";
}
