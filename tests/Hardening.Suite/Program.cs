using DslRunner.Cli;
using DslRunner.Hardening;
using DslRunner.Tests.Hardening.Probes;

// "host <command> …": the DslRunner command line over the hosted test experiments (the kill trials' child process).
// Otherwise: the hardening suite; "--quick" runs the CI-sized version.
if (args.Length > 0 && args[0] == "host")
    return DslRunnerCli.Run(args[1..], HostedExperiments.All);

return HardeningSuite.Run(quick: args.Contains("--quick"), Console.Out);
