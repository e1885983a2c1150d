using DslRunner.Runs;
using DslRunner.Statistics;

namespace DslRunner.Sweeps;

/// <summary>One group of a sweep (a declared point without its seed): its finished seeds and each final metric's estimate over them.</summary>
/// <param name="Planned">Points of the group in the plan (one per seed).</param>
/// <param name="Runs">The finished points' run folders, in plan order.</param>
/// <param name="Metrics">Final metric → mean over the finished seeds with its interval (see <see cref="SeedStatistics.Mean"/>).</param>
public sealed record GroupSummary(
    string Group,
    int Planned,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<string> Runs,
    IReadOnlyDictionary<string, Estimate> Metrics);

/// <summary>
/// What <c>sweep collect</c> reports: the finished points of a sweep, grouped by what they stand for without their
/// seed, each final metric averaged over the seeds with a 95 % Student-t interval from <see cref="SeedStatistics"/>.
/// Points that have not finished are listed, not counted.
/// </summary>
public sealed record SweepCollection(SweepPlan Plan, IReadOnlyList<GroupSummary> Groups, IReadOnlyList<PointState> Unfinished)
{
    public const double Level = Estimate.DefaultLevel;

    /// <summary>The statistic every collected figure is, in words: the table and the report both state it.</summary>
    public static readonly string Statistic = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"mean over the finished seeds with its {Level * 100:0} % interval, Student's t with n − 1 degrees of freedom ") +
        "(DslRunner.Statistics.SeedStatistics.Mean); one finished seed gives no interval";

    /// <summary>Every final metric some finished run recorded, in name order.</summary>
    public IReadOnlyList<string> Metrics =>
        [.. Groups.SelectMany(g => g.Metrics.Keys).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Metrics with one value in every finished run of every group (a model size, a budget): stated once, not compared.</summary>
    public IReadOnlyDictionary<string, double> Constants =>
        Metrics.Where(m => Groups.Where(g => g.Runs.Count > 0).All(g => g.Metrics.TryGetValue(m, out var e) && (e.Count < 2 || e.Spread == 0))
                           && Groups.Where(g => g.Runs.Count > 0).Select(g => g.Metrics[m].Value).Distinct().Count() == 1
                           && Groups.Count(g => g.Runs.Count > 0) * Groups.Max(g => g.Runs.Count) > 1)
            .ToDictionary(m => m, m => Groups.First(g => g.Runs.Count > 0).Metrics[m].Value);

    /// <summary>The metrics that differ somewhere: <see cref="Metrics"/> less <see cref="Constants"/>.</summary>
    public IReadOnlyList<string> Compared => [.. Metrics.Where(m => !Constants.ContainsKey(m))];

    /// <summary>
    /// The groups ordered by <paramref name="rank"/>'s mean (a leading '-' for descending; groups without it last), or as
    /// planned when null.
    /// </summary>
    /// <exception cref="ArgumentException">No finished run recorded the metric.</exception>
    public IReadOnlyList<GroupSummary> Ranked(string? rank)
    {
        if (rank is null) return Groups;
        bool descending = rank.StartsWith('-');
        string metric = rank.TrimStart('-');
        if (!Metrics.Contains(metric))
            throw new ArgumentException($"--rank: no finished run recorded '{metric}'{Generator.Binding.DidYouMean.Suffix(metric, Metrics)}");
        double Key(GroupSummary g) => g.Metrics.TryGetValue(metric, out var e) && double.IsFinite(e.Value) ? e.Value : double.NaN;
        var measured = Groups.Where(g => !double.IsNaN(Key(g)));
        return [.. (descending ? measured.OrderByDescending(Key) : measured.OrderBy(Key)), .. Groups.Where(g => double.IsNaN(Key(g)))];
    }

    public static SweepCollection Of(SweepFolder sweep)
    {
        var plan = sweep.ReadPlan();
        var states = PointState.ReadAll(sweep, plan);
        var groups = states.GroupBy(s => s.Point.Group).Select(group =>
        {
            var finished = group.Where(s => s.Phase == PointPhase.Finished).ToList();
            var results = finished.Select(s => RunManifest.Read(s.Folder!).Results).ToList();
            var metrics = results.SelectMany(r => r.Keys).Distinct().ToDictionary(
                metric => metric,
                metric => MetricRange.Clip(metric, SeedStatistics.Mean(results.Select(r => r.TryGetValue(metric, out double v) ? v : double.NaN), Level)));
            return new GroupSummary(group.Key, group.Count(), [.. finished.Select(s => s.Point.Seed)], [.. finished.Select(s => s.Folder!)], metrics);
        }).ToList();
        return new SweepCollection(plan, groups, [.. states.Where(s => s.Phase != PointPhase.Finished)]);
    }
}
