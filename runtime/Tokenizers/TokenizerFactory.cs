using DslRunner.Config;

namespace DslRunner.Tokenizers;

public static class TokenizerFactory
{
    /// <summary>Builds (and where the kind needs it, trains) the declared tokenizer on the training text.</summary>
    public static ITokenizer Train(TokenizerConfig config, string trainingText) => config.Kind switch
    {
        TokenizerKind.Char => CharTokenizer.Train(trainingText),
        _ => throw new NotSupportedException($"tokenizer kind '{config.Kind}' is not available in this runtime"),
    };
}
