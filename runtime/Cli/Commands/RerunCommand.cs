using System.CommandLine;
using System.Globalization;
using DslRunner.Runs;

namespace DslRunner.Cli.Commands;

public static class RerunCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var run = new Argument<string>("run") { Description = "Run folder, experiment/run-id, or experiment (its latest run)." };
        var runs = CliOptions.RunsRoot();
        var command = new Command("rerun", "Regenerate a run from its manifest and verify its metrics match.") { run, runs };
        command.SetAction(parse =>
        {
            string folder = RunLocator.Find(parse.GetValue(run)!, parse.GetValue(runs)!);
            var manifest = RunManifest.Read(folder);
            var experiment = cli.ForRun(manifest);
            var report = ProgressFactory.Run(cli.Output, progress => RunVerifier.Rerun(experiment, folder, progress));
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
        foreach (string file in report.ChangedFiles)
            output.WriteLine($"modified since the run finished: {file} (its SHA-256 no longer matches the manifest)");
        if (report.Differences.Count == 0)
        {
            output.WriteLine(report.Matches ? "MATCH: every metric is reproduced." : "metrics reproduced, but recorded files were modified");
            return;
        }
        output.WriteLine($"MISMATCH: {report.Differences.Count} metric value(s) differ");
        output.WriteLine("step  split       metric      recorded          re-run");
        foreach (var d in report.Differences.Take(40))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Step,4}  {d.Split,-10}  {d.Metric,-10}  {Value(d.Recorded),-16}  {Value(d.Rerun)}"));
        if (report.Differences.Count > 40) output.WriteLine($"… and {report.Differences.Count - 40} more");
    }

    static string Hash(string hash) => hash.Length == 0 ? "(none)" : hash;

    static string Value(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "(missing)";
}
