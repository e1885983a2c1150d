// The command line: list, run, sweep, resume, rerun, diff, report (dotnet run --project MyStudy -- --help).
// ExperimentRegistry is generated from this project's experiments.
return DslRunner.Cli.DslRunnerCli.Run(args, MyStudy.ExperimentRegistry.All);
