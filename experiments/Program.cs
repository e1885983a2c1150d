using DslRunner.Cli;
using DslRunner.Experiments;
using DslRunner.Experiments.Studies;

return DslRunnerCli.Run(args, ExperimentRegistry.All, studies: StudyCatalog.All);
