using System.Globalization;
using DslRunner.Training;

namespace DslRunner.Runs;

/// <summary>Plain progress lines: one every few steps, fit for terminals, logs and CI alike.</summary>
public sealed class ConsoleProgress(TextWriter output, int linesPerRun = 20) : IRunProgress
{
    public void Message(string text) => output.WriteLine(text);

    public void Step(int step, int totalSteps, double loss, double? validationLoss, double tokensPerSecond)
    {
        int every = Math.Max(1, totalSteps / linesPerRun);
        if (step % every != 0 && step != totalSteps && step != 1) return;
        string validation = validationLoss is { } v ? string.Create(CultureInfo.InvariantCulture, $"  val {v:F4}") : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {step,5}/{totalSteps}  loss {loss:F4}{validation}  {tokensPerSecond,8:N0} tok/s"));
    }

    public void Sample(Sample sample) =>
        output.WriteLine($"[{sample.Title}] {sample.Prompt}{sample.Text}");
}
