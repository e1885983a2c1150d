using DslRunner.Config;
using DslRunner.Models;

namespace DslRunner.Decoding;

/// <summary>Always picks the most probable next token. Tokens never leave the device until the end.</summary>
public sealed class GreedyDecoder(GreedyConfig config) : IDecoder
{
    public GreedyDecoder(int maxTokens) : this(new GreedyConfig(maxTokens)) { }

    public string Key => config.Key;

    public string Name => "greedy";

    public IReadOnlyList<Decoded> DecodeBatch(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<int>? seeds = null) =>
        BatchDecoding.Run(model, prompts, config.MaxTokens, (_, logits, _) => logits.argmax(-1));
}

public sealed record GreedyConfig(int MaxTokens, string? Name = null) : DecoderConfig(Name)
{
    public override IDecoder Build() => new GreedyDecoder(this);
}
