using System.Diagnostics;
using System.Globalization;
using DslRunner.Training;

namespace DslRunner.Runs;

/// <summary>
/// Plain progress lines: one every few steps, fit for terminals, logs and CI alike. Each line has the time since the
/// first step and the time the remaining steps will take at the rate so far; the validation loss appears on the line
/// after a new evaluation, not repeated on lines between evaluations.
/// </summary>
/// <param name="clock">Time since the run started (a stopwatch by default; tests pass their own).</param>
public sealed class ConsoleProgress(TextWriter output, int linesPerRun = 20, Func<TimeSpan>? clock = null) : IRunProgress
{
    readonly Func<TimeSpan> _clock = clock ?? StartClock();
    int? _firstStep;
    int _lastStep;
    TimeSpan _firstTime;
    double? _printedValidation;

    static Func<TimeSpan> StartClock()
    {
        var watch = Stopwatch.StartNew();
        return () => watch.Elapsed;
    }

    public void Message(string text) => output.WriteLine(text);

    public void Step(int step, int totalSteps, double loss, double? validationLoss, double tokensPerSecond)
    {
        var now = _clock();
        // The rate counts from the first step this run reported (a resumed run starts past 1); one progress can serve
        // several runs in turn (a study's arms), and a step that does not follow the last one starts the next run.
        if (_firstStep is null || step <= _lastStep) (_firstStep, _firstTime, _printedValidation) = (step, now, null);
        _lastStep = step;
        int every = Math.Max(1, totalSteps / linesPerRun);
        if (step % every != 0 && step != totalSteps && step != 1) return;
        string validation = validationLoss is { } v && v != _printedValidation ? string.Create(CultureInfo.InvariantCulture, $"  val {v:F4}") : "";
        if (validationLoss is not null) _printedValidation = validationLoss;
        int done = step - _firstStep!.Value;
        var elapsed = now - _firstTime;
        string eta = done > 0 && step < totalSteps ? $"  eta {Clock(elapsed / done * (totalSteps - step))}" : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {step,5}/{totalSteps}  loss {loss:F4}{validation}  {tokensPerSecond,8:N0} tok/s  {Clock(elapsed)}{eta}"));
    }

    public void Sample(Sample sample) =>
        output.WriteLine($"[{sample.Title}] {sample.Prompt}{sample.Text}");

    /// <summary>m:ss, or h:mm:ss from an hour.</summary>
    public static string Clock(TimeSpan time) => time.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalMinutes}:{time.Seconds:00}");
}
