using DslRunner.Config;

namespace DslRunner.Models;

public static class ModelFactory
{
    public static LanguageModel Build(ModelConfig config, int vocabularySize) => config switch
    {
        TransformerConfig transformer => new GptModel(transformer, vocabularySize),
        _ => throw new NotSupportedException($"model '{config.GetType().Name}' is not available in this runtime"),
    };
}
