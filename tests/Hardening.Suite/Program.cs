using System.Globalization;
using DslRunner.Cli;
using DslRunner.Hardening;
using DslRunner.Tests.Hardening.Probes;

// "host <command> …": the DslRunner command line over the hosted test experiments (the kill trials' child process),
// or "host soak-rounds <seconds>", the native soak's child.
// Otherwise: the hardening suite; "--quick" runs the CI-sized version.
if (args.Length > 0 && args[0] == "host")
{
    if (args.Length == 3 && args[1] == NativeSoak.Command)
        return NativeSoak.Rounds(TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture)), Console.Out);
    return DslRunnerCli.Run(args[1..], HostedExperiments.All);
}
// "soak [seconds]": only the native soak (10 minutes unless told), its row of the table.
if (args.Length > 0 && args[0] == "soak")
    return HardeningSuite.Soak(args.Length > 1 ? TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture)) : NativeSoak.Full, Console.Out);

return HardeningSuite.Run(quick: args.Contains("--quick"), Console.Out);
