using DslRunner.Config;
using DslRunner.Models;

namespace DslRunner.Decoding;

/// <summary>Always picks the most probable next token.</summary>
public sealed class GreedyDecoder(int maxTokens) : IDecoder
{
    public GreedyDecoder(GreedyConfig config) : this(config.MaxTokens) { }

    public string Name => "greedy";

    public int[] Decode(LanguageModel model, IReadOnlyList<int> prompt) =>
        SingleSequenceDecoding.Run(model, prompt, maxTokens, (_, logits, _) => (int)logits.argmax().item<long>());
}
