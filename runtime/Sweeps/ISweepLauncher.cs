namespace DslRunner.Sweeps;

/// <summary>How one point's launch ended, as the launcher saw it.</summary>
/// <param name="Wall">From the launch to the end, process start included.</param>
/// <param name="Error">Why it failed, when it did.</param>
public sealed record PointLaunch(SweepPoint Point, bool Succeeded, TimeSpan Wall, string? Error);

/// <summary>Runs points of a plan; every launcher ends each point through <see cref="PointRunner"/>.</summary>
public interface ISweepLauncher
{
    /// <param name="points">The points to run (the plan's unfinished ones).</param>
    IReadOnlyList<PointLaunch> Launch(SweepFolder sweep, IReadOnlyList<SweepPoint> points);
}
