using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Geometry;
using DslRunner.Runs;
using DslRunner.Studies;
using DslRunner.Training;

namespace DslRunner.Experiments.Studies;

/// <summary>Seed 001: does n·ln(m·h)/ln V predict how far back a trained model can recall a planted word?</summary>
public sealed class DependencyLengthStudy : IStudy
{
    /// <summary>Probe settings: 8-token buckets, a bucket counts when half its words are recalled exactly.</summary>
    public static readonly DependencyProbeOptions Probe = new(BucketWidth: 8, Threshold: 0.5, MaxEpisodes: 200);

    /// <summary>Characters of unseen text generated past the training budget for the probe.</summary>
    const int ProbeCharacters = 40_000;

    public string Name => "seed001-dependency-length";

    public string Description => "Seed 001: analytic dependency length n·ln(m·h)/ln V against the probed one, over (h, n, V)";

    /// <summary>The grid: four (h, n) points with character tokens, and two with BPE tokens (another V).</summary>
    public static IReadOnlyList<IExperiment> Grid =>
    [
        new Seed001DependencyLength.Sweep1(), new Seed001DependencyLength.Sweep2(), new Seed001DependencyLength.Sweep3(),
        new Seed001DependencyLength.Sweep4(), new Seed001DependencyLength.BpeNarrowVariant(), new Seed001DependencyLength.BpeVariant(),
    ];

    sealed record Point(StudyRun Run, ExpressiveCapacity Analytic, DependencyCurve Curve);

    public StudyReport Run(StudyContext context)
    {
        var points = new List<Point>();
        foreach (var experiment in Grid)
        {
            ExpressiveCapacity? analytic = null;
            DependencyCurve? curve = null;
            var run = context.Run(experiment, inspect: (run, training) =>
            {
                analytic = ExpressiveCapacity.Of(run.Config.Model, run.Data.Tokenizer.VocabularySize);
                curve = Measure(run, training);
            });
            points.Add(new Point(run, analytic!, curve!));
            string file = "dependency_" + Safe(run.Config.Name) + ".png";
            DependencyPlot.SavePng(curve!, context.PathOf(file), run.Config.Name, analytic!.DependencyLength, run.Config.Model.Context);
        }

        double shortest = Probe.BucketWidth;
        var analyticLengths = points.Select(p => p.Analytic.DependencyLength).ToList();
        var measured = points.Select(p => (double?)p.Curve.LongestDistance).ToList();
        var verdict = ClaimChecks.Predicts(analyticLengths, measured, shortestProbed: shortest);
        var claim = new ClaimResult(
            "The analytic dependency length n·ln(m·h)/ln V predicts the context a model can use",
            string.Join("; ", points.Select(p => $"{Label(p)}: analytic {Numbers.Format(p.Analytic.DependencyLength)}, probed {Numbers.Format(p.Curve.LongestDistance)}")),
            verdict,
            $"a point agrees when the probed length is within a factor of 2 of the analytic one, or when nothing is recalled and the analytic length " +
            $"is below {shortest} tokens (the first bucket); held when all agree and one was measured, did not hold when most disagree");

        var table = new StudyTable(
            ["run", "V", "h", "n", "m", "n·ln(m·h)", "analytic length (tokens)", "probed length (tokens)", "recall, first bucket", "validation loss"],
            [.. points.Select(p => (IReadOnlyList<string>)
            [
                p.Run.Config.Name, Numbers.Format(p.Analytic.VocabularySize), Numbers.Format(p.Analytic.Width), Numbers.Format(p.Analytic.Layers),
                Numbers.Format(p.Analytic.PossibilitiesPerUnit), Numbers.Format(p.Analytic.LogTotalPossibilities),
                Numbers.Format(p.Analytic.DependencyLength), Numbers.Format(p.Curve.LongestDistance),
                p.Curve.Buckets.Count == 0 ? "—" : Numbers.Format(p.Curve.Buckets[0].Accuracy), Numbers.Format(p.Run.ValidationLoss),
            ])]);
        var scatter = StudyPlots.Points(context, "analytic_vs_probed.png", "dependency length: analytic against probed (none recalled = 0)",
            "analytic n·ln(m·h)/ln V (tokens)", "probed (tokens)",
            points.GroupBy(p => p.Run.Config.Tokenizer.Kind).Select(g => new PlotSeries(
                $"{g.Key.ToString().ToLowerInvariant()} tokens",
                [.. g.Select(p => p.Analytic.DependencyLength)], [.. g.Select(p => (double)(p.Curve.LongestDistance ?? 0))])),
            diagonal: true);
        var curves = points.Select(p => new StudyFigure("dependency_" + Safe(p.Run.Config.Name) + ".png", $"recall against distance: {p.Run.Config.Name}")).ToList();

        return new StudyReport(
            "Seed 001 — analytic against probed dependency length",
            "Each grid point trains one model on the synthetic corpus, whose text plants \"keep X … recall X\" pairs at known distances. " +
            "The probe then reads unseen text of the same invented language (generated past the training budget), teacher-forced, and " +
            $"counts a planted word recalled when every one of its tokens is the model's top prediction. The probed length is the longest " +
            $"distance of the unbroken run of {Probe.BucketWidth}-token buckets, from the shortest on, whose recall reaches {Probe.Threshold}. " +
            "m is the number of attention heads (the runtime's documented default).",
            string.Join(" ", points.Select(p => ScaleText.Of(p.Run.Config) + ".").Distinct()) +
            $" Probe: up to {Probe.MaxEpisodes} planted dependencies from {ProbeCharacters:N0} characters of unseen text.",
            [claim],
            [
                new("Grid", "", table, [scatter]),
                new("Recall curves", "", Figures: curves),
            ]);
    }

    static DependencyCurve Measure(RunContext run, TrainingResult training)
    {
        var splits = run.Data.Splits;
        int[] all = [.. splits.Train, .. splits.Validation, .. splits.Test];
        int used = run.Data.Tokenizer.Decode(all).Length;
        var text = SyntheticCorpus.Generate(run.Config.Seed, used + ProbeCharacters);
        return DependencyProbe.Measure(training.Model, run.Data.Tokenizer, text, Probe with { FromCharacter = used });
    }

    static string Label(Point point) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"V {point.Analytic.VocabularySize}, h {point.Analytic.Width}, n {point.Analytic.Layers}");

    static string Safe(string name) => new([.. name.Select(c => char.IsLetterOrDigit(c) ? c : '_')]);
}
