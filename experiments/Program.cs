using DslRunner.Experiments;

return DslRunnerCommands.Run(args);
