using DslRunner.Data;
using DslRunner.Data.Corpora;
using DslRunner.Studies;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// Text for a probe that no split of the run saw: the run's own synthetic text (same seed, recall share and names per
/// key) continued past everything its data used, with the offset where the unseen part starts.
/// </summary>
static class UnseenText
{
    /// <param name="probe">Names the probe in the error for a run on another corpus.</param>
    public static (SyntheticText Text, int From, int TextSeed, PreparedData Data) Of(MeasureInput input, int characters, string probe)
    {
        var data = input.Data ?? throw new InvalidOperationException($"the {probe} needs the run's data");
        if (CorpusCatalog.Open(input.Config.Data, DataOptions.Default) is not SyntheticCorpusSource corpus)
            throw new InvalidOperationException($"the {probe} draws its keys from the synthetic corpus's language; declare data.corpus: synthetic");
        var splits = data.Splits;
        int used = data.Tokenizer.Decode([.. splits.Train, .. splits.Validation, .. splits.Test]).Length;
        int textSeed = input.Config.Data.SeedFor(input.Config.Seed);
        return (corpus.Generate(textSeed, used + characters), used, textSeed, data);
    }
}
