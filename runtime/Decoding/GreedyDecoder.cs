using DslRunner.Config;
using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>Always picks the most probable next token.</summary>
public sealed class GreedyDecoder(int maxTokens) : IDecoder
{
    public GreedyDecoder(GreedyConfig config) : this(config.MaxTokens) { }

    public string Name => "greedy";

    public int[] Decode(LanguageModel model, IReadOnlyList<int> prompt)
    {
        using var inference = new InferenceMode(model, prompt);
        using var state = model.StartDecoding();
        var generated = new int[maxTokens];
        long[] input = InferenceMode.PromptTokens(prompt);
        for (int i = 0; i < maxTokens; i++)
        {
            using var scope = NewDisposeScope();
            var logits = state.Append(tensor(input, [1, input.Length])); // (1, V)
            generated[i] = (int)logits[0].argmax().item<long>();
            input = [generated[i]];
        }
        return generated;
    }
}
