using DslRunner.Config;
using DslRunner.Tokenizers;

namespace DslRunner.Data;

/// <summary>Corpus → tokenizer → token budget → splits, all determined by the config and the seed.</summary>
public static class DataPipeline
{
    public static PreparedData Prepare(DataConfig data, TokenizerConfig tokenizerConfig, int seed)
    {
        string text = data.Corpus switch
        {
            CorpusKind.Synthetic => SyntheticCorpus.Generate(seed, checked((int)data.Tokens)).Text,
            _ => throw new NotSupportedException($"corpus '{data.Corpus}' is not available in this runtime"),
        };
        var tokenizer = TokenizerFactory.Train(tokenizerConfig, text);
        int[] tokens = tokenizer.Encode(text);
        if (tokens.Length < data.Tokens)
            throw new InvalidOperationException(
                $"the {data.Corpus} corpus gives {tokens.Length:N0} tokens, fewer than the budget of {data.Tokens:N0}");
        var splits = TokenSplits.Cut(tokens[..checked((int)data.Tokens)], data.Validation, data.Test);
        string description =
            $"{data.Corpus} corpus, {tokenizer.Name} tokenizer (vocabulary {tokenizer.VocabularySize:N0}), " +
            $"{splits.Train.Length:N0} / {splits.Validation.Length:N0} / {splits.Test.Length:N0} train / validation / test tokens";
        return new PreparedData(tokenizer, splits, description);
    }
}
