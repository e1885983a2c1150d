namespace DslRunner.Config;

/// <param name="Corpus">Where the text comes from.</param>
/// <param name="Tokens">Token budget: the number of tokens drawn from the corpus, all splits together; null when
/// <paramref name="Bytes"/> is the budget.</param>
/// <param name="Validation">Fraction of the budget held out for validation.</param>
/// <param name="Test">Fraction of the budget held out for testing.</param>
/// <param name="Path">File, folder or glob for <see cref="CorpusKind.Text"/>; otherwise null.</param>
/// <param name="Seed">Seed of the text, the tokenizer and the splits; null = the experiment's seed. Fixing it lets replicate
/// seeds vary initialisation, batch order and sampling over one fixed text.</param>
/// <param name="TrainTokens">Train on only the first this many tokens of the training split; the tokenizer and the held-out
/// splits stay those of the whole budget. Null = the whole training split.</param>
/// <param name="RecallShare">Synthetic corpus only: the chance that each next item of the text is a keep/recall episode
/// rather than a plain sentence. Null = <see cref="Data.SyntheticCorpus.DefaultRecallShare"/>.</param>
/// <param name="Bytes">Text budget in UTF-8 bytes, all splits together (instead of <paramref name="Tokens"/>): the text
/// and its train / validation / test parts are cut by bytes at word boundaries before tokenizing, so experiments that
/// differ only in tokenizer read exactly the same text.</param>
/// <param name="RecallNames">Synthetic corpus only: the most names a keep/recall episode's key holds (each key is a span
/// of 1 to this many names). Null = 1.</param>
public sealed record DataConfig(
    CorpusKind Corpus, long? Tokens, double Validation, double Test, string? Path, int? Seed = null, long? TrainTokens = null,
    double? RecallShare = null, long? Bytes = null, int? RecallNames = null)
{
    /// <summary>The seed the data is drawn with for an experiment seeded <paramref name="experimentSeed"/>.</summary>
    public int SeedFor(int experimentSeed) => Seed ?? experimentSeed;

    /// <summary>The budget in words: "20,000 tokens" or "400,000 bytes".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string BudgetText => Bytes is { } bytes
        ? bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes"
        : (Tokens ?? 0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " tokens";
}
