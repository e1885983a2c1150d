using System.CommandLine;

namespace DslRunner.Cli.Commands;

public static class ListCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var command = new Command("list", "List the declared experiments.");
        command.SetAction(_ =>
        {
            int width = cli.Experiments.Select(e => e.Config.Name.Length).DefaultIfEmpty(0).Max() + 2;
            foreach (var experiment in cli.Experiments.OrderBy(e => e.Config.Name, StringComparer.Ordinal))
                cli.Output.WriteLine($"{experiment.Config.Name.PadRight(width)}{experiment.Config.Description}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
