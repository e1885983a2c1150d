using System.Globalization;
using DslRunner.Runs;
using DslRunner.Training;
using Spectre.Console;

namespace DslRunner.Cli;

/// <summary>Feeds a Spectre.Console progress bar from a run.</summary>
public sealed class SpectreProgress(ProgressContext context) : IRunProgress
{
    ProgressTask? _task;

    public void Message(string text) => AnsiConsole.MarkupLine("[grey]" + Markup.Escape(text) + "[/]");

    public void Step(int step, int totalSteps, double loss, double? validationLoss, double tokensPerSecond)
    {
        _task ??= context.AddTask("training", maxValue: totalSteps);
        string validation = validationLoss is { } v ? string.Create(CultureInfo.InvariantCulture, $" val {v:F3}") : "";
        _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"step {step}/{totalSteps} loss {loss:F3}{validation} {tokensPerSecond:N0} tok/s"));
        _task.Value = step;
    }

    public void Sample(Sample sample) =>
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(sample.Title)}[/] {Markup.Escape(sample.Prompt)}[green]{Markup.Escape(sample.Text)}[/]");
}
