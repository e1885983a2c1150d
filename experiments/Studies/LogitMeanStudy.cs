using DslRunner.Studies;

namespace DslRunner.Experiments.Studies;

/// <summary>Seed 000's training-log observation: |mean(logits)| grows while the cross-entropy falls.</summary>
public sealed class LogitMeanStudy : IStudy
{
    public string Name => "seed000-logit-mean";

    public string Description => "Seed 000 log: |mean logits| on held-out text against cross-entropy over training";

    public StudyReport Run(StudyContext context)
    {
        var run = context.Run(new Seed000LogitMean());
        double[] steps = run.Steps("logit_mean_abs");
        double[] logitMean = run.Values("logit_mean_abs");
        double[] loss = run.Values("loss");
        var overSteps = StudyPlots.Lines(context, "over_training.png", "validation loss and |mean logits| over training", "step", "value",
            [new("validation loss (nats/token)", steps, loss), new("|mean logits|", steps, logitMean)]);
        var against = StudyPlots.Points(context, "logit_mean_vs_loss.png", "|mean logits| against validation loss", "validation loss (nats/token)",
            "|mean logits|", [new("validations", loss, logitMean)]);

        double rho = ClaimChecks.Spearman(logitMean, loss);
        var claim = new ClaimResult(
            "The absolute mean of the logits grows as the cross-entropy falls (seed: 0.027 → 2.27 while loss 8.23 → 2.64)",
            $"|mean logits| {Numbers.Format(logitMean[0])} → {Numbers.Format(logitMean[^1])} while loss {Numbers.Format(loss[0])} → " +
            $"{Numbers.Format(loss[^1])} over {steps.Length} validations; Spearman ρ(|mean logits|, loss) = {Numbers.Format(rho)}",
            ClaimChecks.GrowsAsFalls(logitMean, loss),
            "held when ρ ≤ −0.7 and |mean logits| ends above where it started; did not hold when ρ ≥ 0.7 or it ends lower");

        var table = new StudyTable(["step", "validation loss", "|mean logits|"],
            [.. steps.Select((s, i) => (IReadOnlyList<string>)[Numbers.Format(s), Numbers.Format(loss[i]), Numbers.Format(logitMean[i])])]);
        return new StudyReport(
            "Seed 000 — |mean logits| against cross-entropy",
            "One model trained with plain cross-entropy and an untied (dot) output head. At every validation the mean of " +
            "every logit over fixed held-out windows is taken and its absolute value recorded beside the validation loss.",
            ScaleText.Of(run.Config) + ".",
            [claim],
            [
                new("Validations", "", table),
                new("Curves", "", Figures: [overSteps, against]),
            ]);
    }
}
