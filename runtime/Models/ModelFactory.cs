using DslRunner.Config;

namespace DslRunner.Models;

public static class ModelFactory
{
    public static LanguageModel Build(ModelConfig config, int vocabularySize) => config switch
    {
        TransformerConfig transformer => new GptModel(transformer, vocabularySize),
        LstmConfig lstm => new LstmModel(lstm, vocabularySize),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.GetType().Name, "unknown model kind"),
    };
}
