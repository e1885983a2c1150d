using System.CommandLine;

namespace DslRunner.Cli.Commands;

public static class ListCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var command = new Command("list", "List the declared experiments with their variants and sweep points.");
        command.SetAction(_ =>
        {
            var bases = cli.BaseExperiments().OrderBy(e => e.Config.Name, StringComparer.Ordinal).ToList();
            int width = bases.Select(e => e.Config.Name.Length).DefaultIfEmpty(0).Max() + 2;
            foreach (var experiment in bases)
            {
                string name = experiment.Config.Name;
                cli.Output.WriteLine($"{name.PadRight(width)}{experiment.Config.Description}");
                foreach (var derived in cli.DerivedOf(name))
                {
                    string suffix = derived.Config.Name[(name.Length + 1)..];
                    string kind = derived.Config.Name[name.Length] == '.' ? "variant" : "sweep point";
                    cli.Output.WriteLine($"  {kind,-12} {suffix}");
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
