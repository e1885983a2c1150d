using DslRunner.Config;

namespace DslRunner.Tokenizers;

public static class TokenizerFactory
{
    /// <summary>
    /// Builds (and where the kind needs it, trains) the declared tokenizer on the training text. The declared
    /// vocabulary is a size for BPE and WordPiece (reached exactly when the text has enough distinct pairs; 0 merges
    /// every pair seen at least twice), a cap for word (0 = every word seen), and must be 0 or the encoding's own
    /// size for cl100k; char ignores it.
    /// </summary>
    public static ITokenizer Train(TokenizerConfig config, string trainingText) => config.Kind switch
    {
        TokenizerKind.Char => CharTokenizer.Train(trainingText),
        TokenizerKind.Word => WordTokenizer.Train(trainingText, config.Vocab),
        TokenizerKind.Bpe => BytePairTrainer.Train(trainingText, config.Vocab),
        TokenizerKind.WordPiece => WordPieceTrainer.Train(trainingText, config.Vocab),
        TokenizerKind.Cl100k => Cl100k(config),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Kind, "unknown tokenizer kind"),
    };

    static Cl100kTokenizer Cl100k(TokenizerConfig config)
    {
        var tokenizer = new Cl100kTokenizer();
        if (config.Vocab != 0 && config.Vocab != tokenizer.VocabularySize)
            throw new ArgumentException(
                $"cl100k has a fixed vocabulary of {tokenizer.VocabularySize} tokens; leave vocab unset or set it to {tokenizer.VocabularySize} (got {config.Vocab})", nameof(config));
        return tokenizer;
    }
}
