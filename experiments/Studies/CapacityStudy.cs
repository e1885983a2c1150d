using DslRunner.Studies;

namespace DslRunner.Experiments.Studies;

/// <summary>Seed 000 §4.1: does the capacity constraint on a tenth of the data buy the capacity and quality of 10× the data?</summary>
public sealed class CapacityStudy : IStudy
{
    public string Name => "seed000-capacity";

    public string Description => "Seed 000 §4.1: CE on 10× the tokens vs CE + capacity constraint on 1×; capacity, held-out loss, cost";

    public StudyReport Run(StudyContext context)
    {
        var baseline = context.Run(new Seed000Capacity.BaselineVariant());
        var constrained = context.Run(new Seed000Capacity.ConstrainedVariant());
        (string Label, StudyRun Run)[] arms = [("baseline: CE, 10× tokens", baseline), ("constrained: CE + capacity, 1× tokens", constrained)];

        var capacityPlot = StudyPlots.Lines(context, "capacity.png", "capacity C of the token vectors", "step", "C",
            arms.Select(a => new PlotSeries(a.Label, a.Run.Steps("capacity"), a.Run.Values("capacity"))));
        var lossPlot = StudyPlots.Lines(context, "validation_loss.png", "held-out (validation) loss", "step", "nats per token",
            arms.Select(a => new PlotSeries(a.Label, a.Run.Steps("loss"), a.Run.Values("loss"))));

        double baselineC = baseline.TestValue("capacity"), constrainedC = constrained.TestValue("capacity");
        double baselineLoss = baseline.TestValue("loss"), constrainedLoss = constrained.TestValue("loss");
        var claims = new List<ClaimResult>
        {
            new("Plain CE on 10× the data ends with C ≈ 0.6", $"baseline C = {Numbers.Format(baselineC)}",
                ClaimChecks.Near(baselineC, 0.6, 0.05), "held when C lies within ±0.05 of 0.6"),
            new("CE + capacity constraint on 1× the data reaches C > 0.7", $"constrained C = {Numbers.Format(constrainedC)}",
                ClaimChecks.Above(constrainedC, 0.7), "held when C exceeds 0.7"),
            new("The constraint, not the data, lifts C: the constrained arm ends with a higher C than plain CE",
                $"C = {Numbers.Format(constrainedC)} (constrained) vs {Numbers.Format(baselineC)} (baseline)",
                ClaimChecks.Above(constrainedC, baselineC), "held when the constrained C exceeds the baseline's"),
            new("The constrained model keeps the baseline's held-out quality at a tenth of the data and cost",
                $"test loss {Numbers.Format(constrainedLoss)} (constrained) vs {Numbers.Format(baselineLoss)} (baseline) nats/token; " +
                $"training FLOPs {Numbers.Format(constrained.TestValue("training_flops"))} vs {Numbers.Format(baseline.TestValue("training_flops"))}",
                ClaimChecks.Above(baselineLoss * 1.05, constrainedLoss),
                "held when the constrained test loss is within 5 % of the baseline's"),
        };

        var cost = new StudyTable(
            ["arm", "data tokens", "tokens trained", "parameters", "training FLOPs (6·N·D)", "training wall s", "test C", "test loss", "test perplexity"],
            [.. arms.Select(a => (IReadOnlyList<string>)
            [
                a.Label, Numbers.Format(a.Run.Config.Data.Tokens), Numbers.Format(a.Run.TokensSeen), Numbers.Format(a.Run.TestValue("parameters")),
                Numbers.Format(a.Run.TestValue("training_flops")), Numbers.Format(a.Run.TrainingWallTime.TotalSeconds),
                Numbers.Format(a.Run.TestValue("capacity")), Numbers.Format(a.Run.TestValue("loss")), Numbers.Format(a.Run.TestValue("perplexity")),
            ])]);
        return new StudyReport(
            "Seed 000 §4.1 — the capacity constraint against 10× the data",
            "Two arms of the same model: plain cross-entropy on ten times the tokens, and cross-entropy plus the capacity " +
            "constraint λ·(1/C − 1/C_target)² on one time the tokens (λ 0.5, C_target 0.8). Each arm reads its data once. " +
            "C is the mean pairwise cosine distance of the token vectors (the tied embedding), recorded at every validation. " +
            "Randomly initialised token vectors point in nearly independent directions, so C starts close to 1; the constraint penalises " +
            "a departure from C_target in either direction.",
            $"Baseline: {ScaleText.Of(baseline.Config)}. Constrained: {ScaleText.Of(constrained.Config)}.",
            claims,
            [
                new("Cost and results", "Test figures are measured on the held-out test split after training.", cost),
                new("Curves", "", Figures: [capacityPlot, lossPlot]),
            ]);
    }
}
