using DslRunner.Cli;
using DslRunner.Experiments;

return DslRunnerCli.Run(args, ExperimentRegistry.All);
