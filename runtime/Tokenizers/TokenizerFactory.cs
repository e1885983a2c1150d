using DslRunner.Config;
using DslRunner.Generator.Schema;

namespace DslRunner.Tokenizers;

/// <summary>Every tokenizer kind's record (<see cref="TokenizerKindRecord"/>), as the catalog names it; tokenizers are built through them.</summary>
public static class TokenizerFactory
{
    static readonly KindRecords<TokenizerKind, TokenizerKindRecord> Kinds = new(ExperimentSchema.TokenizerKind);

    /// <summary>The record of <paramref name="kind"/>.</summary>
    public static TokenizerKindRecord Of(TokenizerKind kind) => Kinds.Of(kind);

    /// <summary>The DSL name of <paramref name="kind"/>, which is its tokenizers' <see cref="ITokenizer.Name"/>.</summary>
    public static string NameOf(TokenizerKind kind) => Kinds.NameOf(kind);

    /// <summary>The record of the kind a tokenizer's <see cref="ITokenizer.Name"/> (or a stored file's kind) names; null when none.</summary>
    public static TokenizerKindRecord? Named(string name) => Kinds.Named(name);

    /// <summary>The declared tokenizer, built (and where its kind needs it, trained) on the training text.</summary>
    public static ITokenizer Train(TokenizerConfig config, string trainingText) => Of(config.Kind).Train(trainingText, config.Vocab);
}
