using DslRunner.Statistics;
using DslRunner.Config;
using DslRunner.Data.Corpora;
using DslRunner.Decoding;
using DslRunner.Studies;

namespace DslRunner.Experiments.Studies;

/// <summary>Seed 001 §4–5: the capacity-saving decoder against greedy, beam, top-p and dynamic top-p on classical poetry.</summary>
public sealed class DecodersStudy : IStudy
{
    public string Name => "seed001-decoders";

    public string Description => "Seed 001: decoders on chinese-poetry (char tokens): diversity, repetition, nucleus size, perplexity, speed";

    /// <summary>Dynamic top-p (seed 001 §4.2) is not a DSL key: it joins the declared decoders from C#.</summary>
    public static readonly TopPConfig DynamicTopP = Seed001Decoders.TopPDecoding with { DynamicStep = 0.05, Name = "dynamic_top_p" };

    static readonly string[] Measures = ["distinct_1", "distinct_2", "repetition_rate", "mean_nucleus_size", "perplexity", "tokens_per_second"];

    public StudyReport Run(StudyContext context)
    {
        StudyRun run;
        try
        {
            run = context.Run(new Seed001Decoders(), extraDecoders: [new TopPDecoder(DynamicTopP)]);
        }
        catch (CorpusFetchException e)
        {
            throw new InvalidOperationException(
                $"{Name} needs the chinese-poetry corpus, fetched with npm on first use, and the fetch failed: {e.Message}", e);
        }

        List<string> decoders = [.. Seed001Decoders.Decoding.Select(d => d.Key), DynamicTopP.Key];
        double Value(string decoder, string measure) => run.TestValue($"decode/{decoder}/{measure}");
        string greedy = Seed001Decoders.GreedyDecoding.Key, beam = Seed001Decoders.BeamDecoding.Key;
        string topP = Seed001Decoders.TopPDecoding.Key, saving = Seed001Decoders.CapacitySavingDecoding.Key;

        double savingRepetition = Value(saving, "repetition_rate");
        double lowestDeterministic = Math.Min(Value(greedy, "repetition_rate"), Value(beam, "repetition_rate"));
        double highestDeterministic = Math.Max(Value(greedy, "repetition_rate"), Value(beam, "repetition_rate"));
        var fewerRepeats = savingRepetition < lowestDeterministic ? Verdict.Held
            : savingRepetition >= highestDeterministic ? Verdict.DidNotHold : Verdict.Inconclusive;
        var claims = new List<ClaimResult>
        {
            new("The capacity-saving decoder repeats itself less than greedy and beam search",
                $"repetition rate {Numbers.Format(savingRepetition)} (capacity-saving) vs {Numbers.Format(Value(greedy, "repetition_rate"))} (greedy), " +
                $"{Numbers.Format(Value(beam, "repetition_rate"))} (beam)",
                fewerRepeats, "held when below both; did not hold when at or above both; inconclusive in between"),
            new("…while keeping quality: the model rates its text no worse than nucleus sampling's",
                $"model perplexity of the generated text {Numbers.Format(Value(saving, "perplexity"))} (capacity-saving) vs " +
                $"{Numbers.Format(Value(topP, "perplexity"))} (top-p), {Numbers.Format(Value(greedy, "perplexity"))} (greedy)",
                ClaimChecks.Above(Value(topP, "perplexity") * 1.0001, Value(saving, "perplexity")),
                "held when its perplexity is at most top-p's (greedy is the floor any decoder can reach)"),
        };

        var table = new StudyTable(["decoder", .. Measures.Select(m => m.Replace('_', ' '))],
            [.. decoders.Select(d => (IReadOnlyList<string>)[d, .. Measures.Select(m => Numbers.Format(Value(d, m)))])]);
        string firstPrompt = run.Config.Eval.Prompts[0];
        var samples = new StudyTable(["decoder", "continuation of \"" + firstPrompt + "\""],
            [.. run.Samples.Where(s => s.Prompt == firstPrompt).Select(s => (IReadOnlyList<string>)[s.Decoder, s.Prompt + s.Text])]);
        var repetitionPlot = StudyPlots.Points(context, "repetition_vs_perplexity.png", "repetition against the model's perplexity of its text",
            "model perplexity of the generated text", "repetition rate",
            decoders.Select(d => new PlotSeries(d, [Value(d, "perplexity")], [Value(d, "repetition_rate")])));

        return new StudyReport(
            "Seed 001 — decoders on classical Chinese poetry",
            $"One character-level model trained on the chinese-poetry corpus, then every decoder continues {run.Config.Eval.Prompts.Count} prompts " +
            $"({string.Join(" ", run.Config.Eval.Prompts)}) for {Seed001Decoders.GreedyDecoding.MaxTokens} characters. Figures are means over the prompts: " +
            "distinct-n = distinct n-grams / n-grams; repetition rate = share of characters already among the 16 before them; mean nucleus " +
            "size = the model's top-p (0.9) nucleus along the text (seed 001's \"possibilities\"); perplexity = the model's own perplexity of " +
            "the generated text given the prompt.",
            ScaleText.Of(run.Config) + $"; validation loss {Numbers.Format(run.ValidationLoss)} nats/char at the end.",
            claims,
            [
                new("Decoders", "", table, [repetitionPlot]),
                new("Samples", "", samples),
            ]);
    }
}
