using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>Always picks the most probable next token.</summary>
public sealed class GreedyDecoder(int maxTokens) : IDecoder
{
    public string Name => "greedy";

    public int[] Decode(LanguageModel model, IReadOnlyList<int> prompt)
    {
        if (prompt.Count == 0) throw new ArgumentException("greedy decoding needs a non-empty prompt", nameof(prompt));
        model.eval();
        using var noGrad = no_grad();
        var sequence = new List<int>(prompt);
        for (int i = 0; i < maxTokens; i++)
        {
            using var scope = NewDisposeScope();
            var window = sequence.Skip(Math.Max(0, sequence.Count - model.Context)).Select(t => (long)t).ToArray();
            var logits = model.call(tensor(window, [1, window.Length])); // (1, T, V)
            sequence.Add((int)logits[0, -1].argmax().item<long>());
        }
        return [.. sequence.Skip(prompt.Count)];
    }
}
