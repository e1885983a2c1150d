using DslRunner.Runs;

namespace DslRunner.Tests.Runs;

/// <summary>Piped progress: elapsed time and the time left at the rate so far, and a validation loss only when it is new.</summary>
public sealed class ConsoleProgressTests
{
    [Fact]
    public void Each_line_has_the_elapsed_time_and_an_eta_and_a_validation_loss_appears_once_per_evaluation()
    {
        var output = new StringWriter();
        var now = TimeSpan.Zero;
        var progress = new ConsoleProgress(output, linesPerRun: 5, clock: () => now);

        for (int step = 1; step <= 10; step++)
        {
            now = TimeSpan.FromSeconds(3 * step); // 3 s a step
            progress.Step(step, 10, 2.5, validationLoss: step >= 4 ? (step >= 8 ? 2.25 : 2.5) : null, tokensPerSecond: 1000);
        }

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "step     1/10  loss 2.5000     1,000 tok/s  0:00",
            "step     2/10  loss 2.5000     1,000 tok/s  0:03  eta 0:24",
            "step     4/10  loss 2.5000  val 2.5000     1,000 tok/s  0:09  eta 0:18",
            "step     6/10  loss 2.5000     1,000 tok/s  0:15  eta 0:12",
            "step     8/10  loss 2.5000  val 2.2500     1,000 tok/s  0:21  eta 0:06",
            "step    10/10  loss 2.5000     1,000 tok/s  0:27",
        ], lines);
    }

    [Fact]
    public void A_resumed_run_estimates_from_the_steps_it_ran_itself()
    {
        var output = new StringWriter();
        var now = TimeSpan.Zero;
        var progress = new ConsoleProgress(output, linesPerRun: 100, clock: () => now);

        now = TimeSpan.FromSeconds(100); // the process started long before its first step (data preparation)
        progress.Step(51, 100, 2, null, 1000);
        now = TimeSpan.FromSeconds(110);
        progress.Step(52, 100, 2, null, 1000);

        Assert.EndsWith("0:10  eta 8:00", output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    [Fact]
    public void A_second_run_reported_through_the_same_progress_starts_its_own_clock_and_validation()
    {
        var output = new StringWriter();
        var now = TimeSpan.Zero;
        var progress = new ConsoleProgress(output, linesPerRun: 100, clock: () => now);
        progress.Step(1, 2, 2, 1.5, 1000);
        now = TimeSpan.FromSeconds(5);
        progress.Step(2, 2, 2, 1.5, 1000);

        now = TimeSpan.FromSeconds(60);
        progress.Step(1, 2, 2, 1.5, 1000);

        Assert.Equal("step     1/2  loss 2.0000  val 1.5000     1,000 tok/s  0:00", output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[2]);
    }
}
