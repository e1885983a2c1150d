using DslRunner.Statistics;

namespace DslRunner.Studies;

/// <summary>A check judged: the estimate, its effect sizes, and the verdict before and after its controls.</summary>
/// <param name="Effect">The estimate minus the line, in the metric's own units.</param>
/// <param name="Relative">The effect relative to the baseline (the subtracted arm's mean, or the line); NaN when undefined.</param>
/// <param name="Measured">The verdict the interval alone gives.</param>
/// <param name="Verdict">After the controls: "not testable here" when one it needs did not hold.</param>
/// <param name="FailedControls">The controls it needs that did not hold.</param>
public sealed record CheckOutcome(
    StudyCheck Check, Estimate Estimate, double Effect, double Relative, Verdict Measured, Verdict Verdict, IReadOnlyList<string> FailedControls)
{
    /// <summary>Why the values cannot decide the check whichever way it went ("ceiling", "floor", "no spread"); null when they can.</summary>
    public string? Untestable { get; init; }

    /// <summary>The one-sided p-value of the side the raw verdict decided for (or of the estimate's side); NaN when undefined.</summary>
    public double P { get; init; } = double.NaN;

    /// <summary>For a claim, the verdict under the study's multiplicity rule (<see cref="Multiplicity"/>); for a control, its verdict.</summary>
    public Verdict Adjusted { get; init; } = Verdict;

    /// <summary>The verdict as the report names it, with the reason a value could not decide it.</summary>
    public string AdjustedText => VerdictRules.Describe(Adjusted) + (Adjusted == Statistics.Verdict.NotTestableHere && Untestable is { } why ? $" ({why})" : "");

    public string RawText => VerdictRules.Describe(Verdict) + (Verdict == Statistics.Verdict.NotTestableHere && Untestable is { } why ? $" ({why})" : "");
}

/// <summary>Turns the arms' per-seed values into an estimate with an interval for each check, then a verdict.</summary>
public static class CheckEvaluator
{
    /// <summary>
    /// Controls first, then claims, which are "not testable here" when a control they need did not hold; then the findings'
    /// verdicts under the study's multiplicity rule (<see cref="StudyDefinition.Multiplicity"/>: Holm's by default).
    /// </summary>
    public static (IReadOnlyList<CheckOutcome> Controls, IReadOnlyList<CheckOutcome> Claims) Judge(StudyDefinition study, IReadOnlyList<ArmResult> results)
    {
        var controls = study.Controls.Select(c => Judge(c, results, [], finding: false)).ToList();
        var verdicts = controls.ToDictionary(c => c.Check.Id, c => c.Verdict);
        var claims = study.Claims.Select(c => Judge(c, results, c.Needs.Where(n => verdicts[n] != Verdict.Held).ToList(), finding: c.Kind == ClaimKind.Finding)).ToList();
        var findings = claims.Where(c => c.Check.Kind == ClaimKind.Finding).ToList();
        var adjusted = Multiplicity.Adjust(study.Multiplicity, [.. findings.Select(c => (c.Verdict, c.P))]);
        var byFinding = findings.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => adjusted[x.i]);
        return (controls, [.. claims.Select(c => byFinding.TryGetValue(c, out var verdict) ? c with { Adjusted = verdict } : c)]);
    }

    /// <param name="finding">A finding: values with no spread cannot decide it. A control or mechanism check states what the
    /// design or the code fixes (a size, a byte count, a sparsity reached), so the same value in every replicate is exact.</param>
    static CheckOutcome Judge(StudyCheck check, IReadOnlyList<ArmResult> results, IReadOnlyList<string> failedControls, bool finding)
    {
        var expression = check.Check;
        Estimate estimate;
        double baseline = expression.Line;
        switch (expression.Value)
        {
            case MetricValue metric:
                // A rate too: its replicates' rates with a t interval, since the items within a replicate are not
                // independent draws (the pooled Wilson interval is shown beside it in the arm table).
                estimate = Mean(PerSeed(results, metric));
                break;
            case DifferenceValue difference:
                var right = PerSeed(results, difference.Right);
                estimate = Difference(PerSeed(results, difference.Left), right);
                baseline = right.Values.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
                break;
            case CorrelationValue correlation:
                estimate = Correlated(results.Where(r => r.Plan.Arm.Label == correlation.Arm).ToDictionary(r => r.Plan.Replicate, r =>
                {
                    var (_, x) = r.Series(correlation.X);
                    var (_, y) = r.Series(correlation.Y);
                    return x.Length == y.Length ? Correlation.OfChanges(x, y) : double.NaN;
                }));
                baseline = double.NaN;
                break;
            case SlopeValue slope:
                estimate = Mean(Slopes(results, slope));
                baseline = double.NaN;
                break;
            default:
                throw new ArgumentException($"unknown check value {expression.Value.GetType().Name}", nameof(check));
        }
        if (expression.Value is MetricValue single && results.Where(r => r.Plan.Arm.Label == single.Arm).All(r => !r.Plan.Arm.Train))
            estimate = Exact(PerSeed(results, single).Values);
        double effect = estimate.Value - expression.Line;
        double relative = expression.Value is DifferenceValue
            ? estimate.Value / Math.Abs(baseline)
            : double.IsFinite(baseline) && baseline != 0 ? effect / Math.Abs(baseline) : double.NaN;
        var measured = expression.Operator switch
        {
            CheckOperator.Equal => Exactly(expression.Value switch
            {
                MetricValue m => PerSeed(results, m).Values,
                DifferenceValue d => PairedDifferences(PerSeed(results, d.Left), PerSeed(results, d.Right)),
                _ => [],
            }, expression.Line),
            CheckOperator.Greater => VerdictRules.Judge(estimate, Comparison.Greater, expression.Line),
            _ => VerdictRules.Judge(estimate, Comparison.Less, expression.Line),
        };
        string? untestable = expression.Operator == CheckOperator.Equal ? null : Untestable(results, expression.Value, finding);
        if (untestable is not null) measured = Verdict.NotTestableHere;
        var verdict = VerdictRules.WithControls(measured, failedControls.Select(_ => Verdict.DidNotHold));
        var claimed = expression.Operator == CheckOperator.Less ? Comparison.Less : Comparison.Greater;
        var side = measured != Verdict.DidNotHold ? claimed : claimed == Comparison.Greater ? Comparison.Less : Comparison.Greater;
        double p = expression.Operator == CheckOperator.Equal || untestable is not null ? double.NaN : Multiplicity.OneSidedP(estimate, side, expression.Line);
        return new CheckOutcome(check, estimate, effect, relative, measured, verdict, failedControls) { Untestable = untestable, P = p, Adjusted = verdict };
    }

    /// <summary>
    /// Values that could not have decided the check whichever way it went: a rate at its ceiling (every trial a success)
    /// or its floor in every replicate of every arm it reads, or — for a finding on trained arms — values with no spread
    /// over the replicates (every seed, or every paired difference, the same). A correlation is never judged here.
    /// </summary>
    static string? Untestable(IReadOnlyList<ArmResult> results, CheckValue value, bool finding)
    {
        MetricValue[] sides = value switch
        {
            MetricValue m => [m],
            DifferenceValue d => [d.Left, d.Right],
            _ => [],
        };
        if (value is SlopeValue slope)
        {
            var slopes = Slopes(results, slope).Values.Where(double.IsFinite).ToList();
            return finding && slopes.Count >= 2 && slopes.All(v => v == slopes[0]) ? "no spread: every replicate gives the same value" : null;
        }
        if (sides.Length == 0) return null;
        var counts = sides.SelectMany(m => results.Where(r => r.Plan.Arm.Label == m.Arm).Select(r => m.Kind == ValueKind.Final ? r.Count(m.Metric) : null)).ToList();
        if (counts.Count > 0 && counts.All(c => c is { Trials: > 0 }))
        {
            if (counts.All(c => c!.Value.Successes == c.Value.Trials)) return "ceiling: every trial a success in every replicate";
            if (counts.All(c => c!.Value.Successes == 0)) return "floor: no trial a success in any replicate";
        }
        if (!finding || !sides.All(m => results.Where(r => r.Plan.Arm.Label == m.Arm).All(r => r.Plan.Arm.Train))) return null;
        var values = value is DifferenceValue difference
            ? PairedDifferences(PerSeed(results, difference.Left), PerSeed(results, difference.Right)).ToList()
            : PerSeed(results, (MetricValue)value).Values.Where(double.IsFinite).ToList();
        return values.Count >= 2 && values.All(v => v == values[0]) ? "no spread: every replicate gives the same value" : null;
    }

    /// <summary>
    /// For a rate measure's final value: the count pooled over the arm's seeds with Wilson's interval (a secondary figure:
    /// it treats every item as independent); null when the metric is not a rate (or a run lacks its count).
    /// </summary>
    public static Estimate? Rate(IReadOnlyList<ArmResult> results, MetricValue metric)
    {
        if (metric.Kind != ValueKind.Final) return null;
        var counts = results.Where(r => r.Plan.Arm.Label == metric.Arm).Select(r => r.Count(metric.Metric)).ToList();
        return counts.Count > 0 && counts.All(c => c is not null)
            ? Wilson.Pooled([.. counts.Select(c => (c!.Value.Successes, c.Value.Trials))])
            : null;
    }

    /// <summary>The values of an arm that is only built: they do not vary by seed, so the interval is their range.</summary>
    static Estimate Exact(IEnumerable<double> values)
    {
        var measured = values.Where(double.IsFinite).ToList();
        return measured.Count == 0
            ? Estimate.Nothing(IntervalMethod.Exact)
            : new Estimate(measured.Average(), new Interval(measured.Min(), measured.Max()), measured.Count, 0, Estimate.DefaultLevel, IntervalMethod.Exact);
    }

    /// <summary>For counts and shapes, which do not vary by seed: held when every measured value (or paired difference) equals the line.</summary>
    static Verdict Exactly(IEnumerable<double> values, double line)
    {
        var measured = values.Where(double.IsFinite).ToList();
        return measured.Count == 0 ? Verdict.Inconclusive : measured.All(v => v == line) ? Verdict.Held : Verdict.DidNotHold;
    }

    /// <summary>Left − right for every replicate both arms ran.</summary>
    static IEnumerable<double> PairedDifferences(Dictionary<(int, int?), double> left, Dictionary<(int, int?), double> right) =>
        left.Where(l => right.ContainsKey(l.Key)).Select(l => l.Value - right[l.Key]);

    /// <summary>An arm's value per replicate: per seed, or per seed and data seed where the study replicates the text.</summary>
    static Dictionary<(int Seed, int? DataSeed), double> PerSeed(IReadOnlyList<ArmResult> results, MetricValue metric) =>
        results.Where(r => r.Plan.Arm.Label == metric.Arm).ToDictionary(r => r.Plan.Replicate, r => r.Value(metric.Metric, metric.Kind, metric.Step));

    /// <summary>The slope per replicate that every arm of the slope ran.</summary>
    static Dictionary<(int Seed, int? DataSeed), double> Slopes(IReadOnlyList<ArmResult> results, SlopeValue slope)
    {
        var arms = slope.Arms.Select(arm => (Y: PerSeed(results, new MetricValue(slope.Y, arm, ValueKind.Final)), X: PerSeed(results, new MetricValue(slope.X, arm, ValueKind.Final)))).ToList();
        return arms[0].Y.Keys.Where(replicate => arms.All(a => a.Y.ContainsKey(replicate) && a.X.ContainsKey(replicate)))
            .ToDictionary(replicate => replicate, replicate => SlopeValue.Fit([.. arms.Select(a => (a.X[replicate], a.Y[replicate]))]));
    }

    static bool OverTexts<T>(Dictionary<(int Seed, int? DataSeed), T> values) => values.Keys.Any(k => k.DataSeed is not null);

    /// <summary>Each text's mean over its seeds (NaN values left out; a text with none is left out).</summary>
    static double[] TextMeans(IEnumerable<KeyValuePair<(int Seed, int? DataSeed), double>> values) =>
        [.. values.Where(v => double.IsFinite(v.Value)).GroupBy(v => v.Key.DataSeed).OrderBy(g => g.Key).Select(g => g.Average(v => v.Value))];

    /// <summary>
    /// The mean over replicates with its t interval. Where the study replicates the text, the replicates of one text are
    /// averaged first and the interval is over the texts' means (n = texts): the seeds of one text share it, so they are
    /// not independent draws of what a new text would give.
    /// </summary>
    public static Estimate Mean(Dictionary<(int Seed, int? DataSeed), double> values) =>
        OverTexts(values) ? SeedStatistics.Mean(TextMeans(values)) with { Unit = Estimate.TextUnit } : SeedStatistics.Mean(values.Values);

    /// <summary>
    /// Left − right: paired over the replicates both arms ran (per text, the mean of its paired differences, then a t interval
    /// over the texts), else Welch's interval on the two arms' means (of texts' means where texts are replicated).
    /// </summary>
    static Estimate Difference(Dictionary<(int Seed, int? DataSeed), double> left, Dictionary<(int Seed, int? DataSeed), double> right)
    {
        if (!OverTexts(left) && !OverTexts(right))
            return SeedStatistics.Difference(left.ToDictionary(l => l.Key.Seed, l => l.Value), right.ToDictionary(r => r.Key.Seed, r => r.Value));
        var paired = left.Where(l => right.TryGetValue(l.Key, out double r) && double.IsFinite(l.Value) && double.IsFinite(r))
            .Select(l => KeyValuePair.Create(l.Key, l.Value - right[l.Key])).ToList();
        var estimate = paired.Count > 0
            ? SeedStatistics.Mean(TextMeans(paired)) with { Method = IntervalMethod.PairedT }
            : SeedStatistics.Welch(TextMeans(left), TextMeans(right));
        return estimate with { Unit = Estimate.TextUnit };
    }

    /// <summary>Per-replicate correlations pooled through Fisher's z; over replicated texts, each text's mean z first.</summary>
    static Estimate Correlated(Dictionary<(int Seed, int? DataSeed), double> perReplicate)
    {
        if (!OverTexts(perReplicate)) return Correlation.OverSeeds(perReplicate.Values);
        var z = perReplicate.Select(r => KeyValuePair.Create(r.Key, Math.Atanh(Math.Clamp(r.Value, -0.999999, 0.999999))));
        return Correlation.OverSeeds(TextMeans(z).Select(Math.Tanh)) with { Unit = Estimate.TextUnit };
    }
}
