using System.Globalization;
using DslRunner.Statistics;
using DslRunner.RunFiles;
using DslRunner.Runs;

namespace DslRunner.Studies;

/// <summary>The report of a declared study: claim table with intervals and verdicts, controls, arms, runs, and plots.</summary>
public static class DeclaredStudyReport
{
    public static StudyReport Build(
        StudyDefinition study, StudyBudgetDeclaration budget, IReadOnlyList<ArmResult> results,
        IReadOnlyList<CheckOutcome> controls, IReadOnlyList<CheckOutcome> claims, MachineLoad machine, StudyContext context)
    {
        var seeds = results.Where(r => r.Plan.Arm.Train).Select(r => r.Plan.Seed).Distinct().Order().ToList();
        var mechanisms = claims.Where(c => c.Check.Kind == ClaimKind.Mechanism).ToList();
        claims = [.. claims.Where(c => c.Check.Kind == ClaimKind.Finding)];
        var verdicts = claims.Select(c => new ClaimResult(
            Label(c.Check) + (c.Check.Reference.Length > 0 ? $" (source: {c.Check.Reference})" : ""),
            Measured(c), c.Adjusted, Why(c, budget, study.Multiplicity))).ToList();
        int family = Multiplicity.FamilySize(claims.Select(c => c.Verdict));
        string rule = Multiplicity.NameOf(study.Multiplicity);

        var sections = new List<StudySection>
        {
            new("Claims", $"Budget '{budget.Name}'. Each claim's check, the value it uses, the estimate over seeds with its 95 % interval and how it was computed, " +
                "the effect in the metric's units (estimate minus the claimed line) and relative to the baseline (the subtracted arm's mean, " +
                "or the line). held: the whole interval lies on the claimed side; did not hold: the whole interval lies on the other side; " +
                "inconclusive: it straddles the line; not testable here: a control the claim needs did not hold, or the values could not " +
                "have decided it either way (a rate at its ceiling or floor in every replicate, or a finding with no spread over the replicates; " +
                "a control or mechanism check of what the design fixes — a size, a byte count, a sparsity reached — is exact when every replicate gives the same value). " +
                "A rate's interval is a t interval over the replicates' rates (items within a replicate are not independent). " +
                $"Multiplicity: {Multiplicity.TextOf(study.Multiplicity)}; family size m = {family} of {claims.Count} finding(s). " +
                "p is the one-sided p-value of the side decided, and the last column is the verdict " +
                "under the rule, the one the summary reports.", CheckTable(claims, rule)),
            new("Controls", controls.Count == 0 ? "The study declares no controls."
                : "Preconditions: when one does not hold, the claims that need it are not testable here.", controls.Count == 0 ? null : CheckTable(controls, rule: null)),
            new("Arms", study.DataSeeds is null
                ? "Final values on the shared evaluation text (the test split), mean over seeds with the 95 % t interval."
                : "Final values on each text's test split, mean over texts (each text's mean over its seeds) with the 95 % t interval over texts.", ArmTable(study, budget, results)),
            new("Replicates", Replicates(study, results, seeds)),
            new("Runs", $"Budget '{budget.Name}'{(budget.Runtime.Length > 0 ? $" (documented runtime: {budget.Runtime})" : "")}; " +
                $"overrides applied to every arm: {(budget.Overrides.Count == 0 ? "none" : string.Join(", ", budget.Overrides))}" +
                string.Concat(budget.ArmOverrides.Select(a => $"; to arm {a.Key} (and the arms decoding from it): {string.Join(", ", a.Value)}")) + $". {machine}. " +
                $"{results.Count(r => r.Reused)} of {results.Count} runs were reused from earlier runs with the same resolved config.", RunTable(results)),
        };
        if (mechanisms.Count > 0)
            sections.Insert(1, new StudySection("Mechanism checks",
                "Claims declared as mechanisms: true by construction when the code works (an identity, the quantity a loss term or " +
                "decoder optimises). They check the code, are never counted as findings and are not in the multiplicity family.",
                CheckTable(mechanisms, rule: null)));
        var figures = new List<StudyFigure>();
        if (claims.Concat(controls).Any(c => double.IsFinite(c.Estimate.Value)))
            figures.Add(StudyPlots.Forest(context, "forest.png", "checks: estimate − claimed line (the tables' effect), 95 % intervals; '>' claims the right of 0, '<' the left",
                "distance from the claimed line, in the metric's units", [.. claims.Concat(mechanisms).Concat(controls).Select(ForestRowOf)]));
        if (RateBands(study, results) is { Count: > 0 } rates)
            figures.Add(StudyPlots.Bands(context, "rates.png", "rates by arm, pooled over seeds: band = 95 % Wilson interval",
                "the number in the rate's name (e.g. the distance of recall_l16)", "rate", rates));
        foreach (var plot in study.Plots ?? [])
            figures.Add(StudyPlots.Points(context, $"plot_{Safe(plot.Name)}.png", $"{plot.Y} against {plot.X}: one point per arm, mean over seeds",
                plot.X, plot.Y, PointsOf(study, results, plot), nameEachPoint: true));
        foreach (string metric in study.Measures.Where(m => results.Any(r => r.Series(m).Values.Length > 0)))
            figures.Add(StudyPlots.Bands(context, $"curve_{Safe(metric)}.png", $"{metric} over training (validation): mean, band = seed range",
                "step", metric, BandsOf(study, results, metric)));
        sections.Add(new StudySection("Plots", "", Figures: figures));

        string summary = $"{MarkdownText.Text(study.Description)} Declared in a study file: {study.Arms.Count} arms × {seeds.Count} replicate seed(s)" +
                         (study.DataSeeds is { } texts ? $" × {texts.Count} texts (data seeds), paired across arms by seed and data seed, intervals over texts; " : ", paired across arms by seed; ") +
                         $"{claims.Count} claim(s){(mechanisms.Count > 0 ? $", {mechanisms.Count} mechanism check(s)" : "")}, {controls.Count} control(s). " +
                         $"Verdicts under {(study.Multiplicity == MultiplicityRule.None ? "no multiplicity correction" : rule + "'s rule")} over a family of {family} finding(s).";
        return new StudyReport(study.Name, summary, Scale(results), verdicts, sections) { WallTime = machine.WallTime, ReusedRuns = results.Count(r => r.Reused) };
    }

    static string Label(StudyCheck check) => check.Text;

    static string Measured(CheckOutcome c) =>
        $"{c.Check.Check.Value} = {Numbers.Supported(c.Estimate.Value, c.Estimate)} {Numbers.SupportedInterval(c.Estimate)} ({c.Estimate.MethodText}, n = {c.Estimate.Count}); " +
        $"effect {SignedSupported(c.Effect, c.Estimate)}{(double.IsFinite(c.Relative) ? $" ({RelativeText(c)} of baseline)" : "")}";

    static string Why(CheckOutcome c, StudyBudgetDeclaration budget, MultiplicityRule rule) =>
        $"check: {c.Check.Source}; budget '{budget.Name}'" + (c.Untestable is { } untestable ? $"; not testable here: {untestable}" : "") +
        (c.Adjusted != c.Verdict ? $"; {VerdictRules.Describe(c.Verdict)} alone, {VerdictRules.Describe(c.Adjusted)} under {Multiplicity.NameOf(rule)}'s rule (p = {PText(c.P)})" : "") +
        (c.Check.Needs.Count == 0 ? ""
            : c.FailedControls.Count == 0 ? $"; controls held: {string.Join(", ", c.Check.Needs)}"
            : $"; control(s) not holding: {string.Join(", ", c.FailedControls)} (without them: {VerdictRules.Describe(c.Measured)})");

    /// <summary>The relative effect in percent, rounded as its interval (scaled like the estimate) supports.</summary>
    static string RelativeText(CheckOutcome c)
    {
        if (!double.IsFinite(c.Relative)) return "—";
        double percent = 100 * c.Relative, scale = c.Estimate.Value != 0 && double.IsFinite(c.Effect) && c.Effect != 0 ? Math.Abs(percent / c.Effect) : double.NaN;
        string text = c.Estimate.Interval is { IsBounded: true } interval && Numbers.HasWidth(c.Estimate, c.Estimate.Value) && double.IsFinite(scale) && scale > 0
            ? Numbers.ToDecimals(percent, Numbers.DecimalsFor(interval.Width / 2 * scale))
            : Numbers.Format(percent);
        return (percent > 0 ? "+" : "") + text + " %";
    }

    static string PText(double p) => !double.IsFinite(p) ? "—" : p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <param name="rule">The multiplicity rule's name for the claims' table (the verdict under it beside the verdict alone); null for one verdict column.</param>
    static StudyTable CheckTable(IReadOnlyList<CheckOutcome> outcomes, string? rule)
    {
        bool adjusted = rule is not null;
        return new(
        ["id", "check", "estimate", "95 % interval", "method", "n", "effect (units)", "effect (relative)", "p", adjusted ? "verdict alone" : "verdict", .. adjusted ? new[] { $"verdict ({rule})" } : []],
        [.. outcomes.Select(c => (IReadOnlyList<string>)
        [
            c.Check.Id, c.Check.Check.ToString(), Numbers.Supported(c.Estimate.Value, c.Estimate), Numbers.SupportedInterval(c.Estimate), c.Estimate.MethodText,
            c.Estimate.Count.ToString(CultureInfo.InvariantCulture), SignedSupported(c.Effect, c.Estimate),
            RelativeText(c), PText(c.P), adjusted ? VerdictRules.Describe(c.Verdict) : c.RawText, .. adjusted ? new[] { c.AdjustedText } : [],
        ])]);
    }

    static StudyTable ArmTable(StudyDefinition study, StudyBudgetDeclaration budget, IReadOnlyList<ArmResult> results)
    {
        string Overrides(StudyArm arm)
        {
            var own = budget.ArmOverrides.GetValueOrDefault(arm.DecodesFrom ?? arm.Label) ?? [];
            string text = arm.Overrides.Count == 0 ? "—" : string.Join(", ", arm.Overrides);
            return own.Count == 0 ? text : $"{text} (budget '{budget.Name}': {string.Join(", ", own)})";
        }
        var finals = study.Measures.Where(m => results.Any(r => double.IsFinite(r.Value(m, ValueKind.Final)))).ToList();
        return new StudyTable(["arm", "experiment", "overrides", "seeds", .. finals],
            [.. study.Arms.Select(arm =>
            {
                var runs = results.Where(r => r.Plan.Arm.Label == arm.Label).ToList();
                return (IReadOnlyList<string>)
                [
                    arm.Label, arm.DecodesFrom is { } source ? $"{arm.Experiment} (decodes from {source}'s model)" : arm.Experiment, Overrides(arm), runs.Count.ToString(CultureInfo.InvariantCulture),
                    .. finals.Select(m => CheckEvaluator.Rate(runs, new MetricValue(m, arm.Label, ValueKind.Final)) is { } rate
                        ? $"{Numbers.Format(rate.Value)} {Numbers.IntervalText(rate)} (Wilson, {rate.Count} trials, seed sd {Numbers.Format(rate.Spread)})"
                        : CheckEvaluator.Mean(runs.ToDictionary(r => r.Plan.Replicate, r => r.Value(m, ValueKind.Final))) is var e && e.Count > 1
                        ? $"{Numbers.Format(e.Value)} {Numbers.IntervalText(e)}" : Numbers.Format(e.Value)),
                ];
            })]);
    }

    static StudyTable RunTable(IReadOnlyList<ArmResult> results)
    {
        bool texts = results.Any(r => r.Plan.DataSeed is not null);
        return new(["arm", .. texts ? new[] { "data seed" } : [], "seed", "run", "reused", "wall s"],
        [.. results.Select(r => (IReadOnlyList<string>)
        [
            r.Plan.Arm.Label, .. texts ? new[] { r.Plan.DataSeed?.ToString(CultureInfo.InvariantCulture) ?? "—" } : [], r.Plan.Seed.ToString(CultureInfo.InvariantCulture),
            r.Folder is null ? "built only (not trained)" : Path.GetFileName(Path.GetDirectoryName(r.Folder)) + "/" + Path.GetFileName(r.Folder),
            r.Reused ? "yes" : "no", r.Reused ? "—" : r.WallTime.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture),
        ])]);
    }

    static string Replicates(StudyDefinition study, IReadOnlyList<ArmResult> results, IReadOnlyList<int> seeds)
    {
        var trained = results.Where(r => r.Plan.Arm.Train && r.Plan.Arm.DecodesFrom is null).ToList();
        if (trained.Count == 0) return "No arm trains: every figure is fixed by the declaration, so one build per arm is the whole measurement.";
        string what = trained.All(r => r.Plan.Config.Data.Bytes is not null) ? "text" : "tokens";
        if (study.DataSeeds is { } texts) return ReplicatedTexts(texts, trained, seeds, what);
        var dataSeeds = trained.Select(r => r.Plan.Config.Data.Seed?.ToString(CultureInfo.InvariantCulture) ?? "unset").Distinct().ToList();
        var fingerprints = trained.Select(r => r.EvaluationFingerprint).Distinct().ToList();
        string shared = fingerprints.Count == 1
            ? $"verified identical for all {trained.Count} runs (SHA-256 of the test {what} {fingerprints[0][..Math.Min(12, fingerprints[0].Length)]}…)"
            : $"NOT identical: {fingerprints.Count} different test texts among {trained.Count} runs";
        return $"Replicate seeds {string.Join(", ", seeds)}: each one sets the experiment seed, which drives the initial weights, the batch order, " +
               $"dropout and any sampling. The data — corpus text, tokenizer, splits and the shared evaluation text — is fixed by data.seed " +
               $"({string.Join(", ", dataSeeds)}) and does not vary with the replicate. The shared evaluation text is {shared}. " +
               "Arms are compared by paired differences over the seeds they share; each interval is a t interval over the seeds.";
    }

    /// <summary>The Replicates section of a study with data_seeds: seeds and texts both vary, and how the interval combines them.</summary>
    static string ReplicatedTexts(IReadOnlyList<int> texts, List<ArmResult> trained, IReadOnlyList<int> seeds, string what)
    {
        var perText = trained.GroupBy(r => r.Plan.DataSeed).OrderBy(g => g.Key).Select(g =>
        {
            var fingerprints = g.Select(r => r.EvaluationFingerprint).Distinct().ToList();
            return $"data seed {g.Key}: " + (fingerprints.Count == 1
                ? $"verified identical for its {g.Count()} runs ({fingerprints[0][..Math.Min(12, fingerprints[0].Length)]}…)"
                : $"NOT identical: {fingerprints.Count} different test texts among its {g.Count()} runs");
        });
        int distinct = trained.Select(r => r.EvaluationFingerprint).Distinct().Count();
        return $"Two factors are replicated. Replicate seeds {string.Join(", ", seeds)}: each one sets the experiment seed, which drives the " +
               "initial weights, the batch order, dropout and any sampling. Data seeds (data_seeds) " +
               $"{string.Join(", ", texts)}: each one sets data.seed, which draws the corpus text, the tokenizer, the splits and the evaluation " +
               $"text; every arm × seed × data seed is a run. Within a data seed every arm is scored on one shared test text (SHA-256 of the test {what}: " +
               $"{string.Join("; ", perText)}); {distinct} distinct test text(s) over the {texts.Count} data seed(s). " +
               "How the interval combines them: arms are paired by (seed, data seed); the values (or paired differences) of one text are " +
               "averaged over its seeds, and the 95 % interval is a t interval over the texts' means (n = the number of texts, " +
               $"{texts.Count - 1} degree(s) of freedom). The seeds of one text share that text, so they are not independent draws of what another " +
               "text would give; the interval over texts covers both the seed-to-seed and the text-to-text variation.";
    }

    static string Scale(IReadOnlyList<ArmResult> results) =>
        string.Join(" ", results.GroupBy(r => r.Plan.Arm.Label).Select(g =>
            $"{g.Key}: {(g.First().Plan.Arm.DecodesFrom is { } source ? $"decodes from {source}'s trained model" : ScaleText.Of(g.First().Plan.Config))}" +
            $"{(g.First().Plan.Arm.Train ? "" : " (built and measured, not trained)")}."));

    static ForestRow ForestRowOf(CheckOutcome c)
    {
        // The tables' effect (estimate − line) with the same sign, so a row reads as its table line does.
        double line = c.Check.Check.Line;
        string side = c.Check.Check.Operator switch { CheckOperator.Less => " (<)", CheckOperator.Greater => " (>)", _ => " (=)" };
        return new ForestRow(c.Check.Id + side, c.Estimate.Value - line, c.Estimate.Interval.Low - line, c.Estimate.Interval.High - line);
    }

    /// <summary>One point per arm with both values: each axis's mean over the arm's seeds.</summary>
    static IEnumerable<PlotSeries> PointsOf(StudyDefinition study, IReadOnlyList<ArmResult> results, StudyPlot plot)
    {
        foreach (var arm in study.Arms)
        {
            var runs = results.Where(r => r.Plan.Arm.Label == arm.Label).ToList();
            double x = Mean(runs, plot.X), y = Mean(runs, plot.Y);
            if (double.IsFinite(x) && double.IsFinite(y)) yield return new PlotSeries(arm.Label, [x], [y]);
        }
        static double Mean(List<ArmResult> runs, string metric) =>
            runs.Select(r => r.Value(metric, ValueKind.Final)).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
    }

    static IEnumerable<BandSeries> BandsOf(StudyDefinition study, IReadOnlyList<ArmResult> results, string metric)
    {
        foreach (var arm in study.Arms)
        {
            var series = results.Where(r => r.Plan.Arm.Label == arm.Label).Select(r => r.Series(metric)).Where(s => s.Values.Length > 0).ToList();
            if (series.Count == 0) continue;
            var steps = series.Select(s => s.Steps).MinBy(s => s.Length)!;
            double[] At(int i, Func<IEnumerable<double>, double> pick) => [.. Enumerable.Range(0, steps.Length).Select(k => pick(series.Select(s => s.Values[k])))];
            yield return new BandSeries(arm.Label, steps, At(0, v => v.Average()), At(0, v => v.Min()), At(0, v => v.Max()));
        }
    }

    /// <summary>
    /// Per arm, every rate measure whose name ends in a number (recall_l4, recall_l8, …) at that number: the pooled rate
    /// and its Wilson interval. Empty when the study has no such rates.
    /// </summary>
    static List<BandSeries> RateBands(StudyDefinition study, IReadOnlyList<ArmResult> results)
    {
        var rates = study.CodeMeasures.OfType<IStudyRateMeasure>()
            .Select(m => (m.Name, At: TrailingNumber(m.Name))).Where(m => m.At is not null).OrderBy(m => m.At).ToList();
        var bands = new List<BandSeries>();
        foreach (var arm in study.Arms)
        {
            var points = rates.Select(m => (m.At, Estimate: CheckEvaluator.Rate(results, new MetricValue(m.Name, arm.Label, ValueKind.Final))))
                .Where(p => p.Estimate is { Interval.IsBounded: true }).ToList();
            if (points.Count == 0) continue;
            bands.Add(new BandSeries(arm.Label, [.. points.Select(p => (double)p.At!.Value)], [.. points.Select(p => p.Estimate!.Value)],
                [.. points.Select(p => p.Estimate!.Interval.Low)], [.. points.Select(p => p.Estimate!.Interval.High)]));
        }
        return bands;
    }

    static int? TrailingNumber(string name)
    {
        int start = name.Length;
        while (start > 0 && char.IsDigit(name[start - 1])) start--;
        return start < name.Length && int.TryParse(name[start..], NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
    }

    static string Signed(double value) => double.IsFinite(value) ? (value > 0 ? "+" : "") + Numbers.Format(value) : "—";

    static string SignedSupported(double value, Estimate e) => double.IsFinite(value) ? (value > 0 ? "+" : "") + Numbers.Supported(value, e) : "—";

    static string Safe(string metric) => new([.. metric.Select(c => char.IsLetterOrDigit(c) ? c : '_')]);
}
