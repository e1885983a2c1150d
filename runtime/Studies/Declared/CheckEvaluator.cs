using DslRunner.Statistics;

namespace DslRunner.Studies.Declared;

/// <summary>A check judged: the estimate, its effect sizes, and the verdict before and after its controls.</summary>
/// <param name="Effect">The estimate minus the line, in the metric's own units.</param>
/// <param name="Relative">The effect relative to the baseline (the subtracted arm's mean, or the line); NaN when undefined.</param>
/// <param name="Measured">The verdict the interval alone gives.</param>
/// <param name="Verdict">After the controls: "not testable here" when one it needs did not hold.</param>
/// <param name="FailedControls">The controls it needs that did not hold.</param>
public sealed record CheckOutcome(
    StudyCheck Check, Estimate Estimate, double Effect, double Relative, Verdict Measured, Verdict Verdict, IReadOnlyList<string> FailedControls);

/// <summary>Turns the arms' per-seed values into an estimate with an interval for each check, then a verdict.</summary>
public static class CheckEvaluator
{
    /// <summary>Controls first, then claims, which are "not testable here" when a control they need did not hold.</summary>
    public static (IReadOnlyList<CheckOutcome> Controls, IReadOnlyList<CheckOutcome> Claims) Judge(StudyDefinition study, IReadOnlyList<ArmResult> results)
    {
        var controls = study.Controls.Select(c => Judge(c, results, [])).ToList();
        var verdicts = controls.ToDictionary(c => c.Check.Id, c => c.Verdict);
        var claims = study.Claims.Select(c => Judge(c, results, c.Needs.Where(n => verdicts[n] != Verdict.Held).ToList())).ToList();
        return (controls, claims);
    }

    static CheckOutcome Judge(StudyCheck check, IReadOnlyList<ArmResult> results, IReadOnlyList<string> failedControls)
    {
        var expression = check.Check;
        Estimate estimate;
        double baseline = expression.Line;
        switch (expression.Value)
        {
            case MetricValue metric:
                estimate = Rate(results, metric) ?? SeedStatistics.Mean(PerSeed(results, metric).Values);
                break;
            case DifferenceValue difference:
                var right = PerSeed(results, difference.Right);
                estimate = SeedStatistics.Difference(PerSeed(results, difference.Left), right);
                baseline = right.Values.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
                break;
            case CorrelationValue correlation:
                estimate = Correlation.OverSeeds(results.Where(r => r.Plan.Arm.Label == correlation.Arm).Select(r =>
                {
                    var (_, x) = r.Series(correlation.X);
                    var (_, y) = r.Series(correlation.Y);
                    return x.Length == y.Length ? Correlation.OfChanges(x, y) : double.NaN;
                }));
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
        var verdict = VerdictRules.WithControls(measured, failedControls.Select(_ => Verdict.DidNotHold));
        return new CheckOutcome(check, estimate, effect, relative, measured, verdict, failedControls);
    }

    /// <summary>
    /// For a rate measure's final value: the count pooled over the arm's seeds with Wilson's interval; null when the
    /// metric is not a rate (or a run lacks its count).
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

    /// <summary>Left − right for every seed both arms ran.</summary>
    static IEnumerable<double> PairedDifferences(Dictionary<int, double> left, Dictionary<int, double> right) =>
        left.Where(l => right.ContainsKey(l.Key)).Select(l => l.Value - right[l.Key]);

    static Dictionary<int, double> PerSeed(IReadOnlyList<ArmResult> results, MetricValue metric) =>
        results.Where(r => r.Plan.Arm.Label == metric.Arm).ToDictionary(r => r.Plan.Seed, r => r.Value(metric.Metric, metric.Kind, metric.Step));
}
