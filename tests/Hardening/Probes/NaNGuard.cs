using DslRunner.Tests.Training;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>NaN injected mid-training: the existing divergence-guard test, run by the suite so its table shows the result.</summary>
public static class NaNGuard
{
    public static ProbeResult Run()
    {
        var failures = new List<string>();
        try
        {
            new DivergenceGuardTests().A_NaN_loss_stops_the_run_and_keeps_the_last_good_checkpoint();
        }
        catch (Exception e)
        {
            failures.Add(e.Message);
        }
        return new ProbeResult("faults", "NaN mid-training: guard stops, last good checkpoint kept", "NaN loss from step 17 of 30",
            "TrainingDivergedException at step 17; checkpoint of step 10 intact (tests/Training/DivergenceGuardTests)", failures);
    }
}
