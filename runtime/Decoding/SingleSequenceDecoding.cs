using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>
/// Picks the next token of one sequence from its logits (V); the state holds the sequence so far (for a
/// look-ahead), which is <paramref name="sequence"/> with the prompt first.
/// </summary>
internal delegate int NextTokenChoice(DecodingState state, Tensor logits, IReadOnlyList<int> sequence);

/// <summary>The token-by-token loop shared by decoders that continue a single sequence.</summary>
internal static class SingleSequenceDecoding
{
    public static int[] Run(LanguageModel model, IReadOnlyList<int> prompt, int maxTokens, NextTokenChoice choose)
    {
        using var inference = new InferenceMode(model, prompt);
        using var state = model.StartDecoding();
        var sequence = new List<int>(prompt);
        long[] input = InferenceMode.PromptTokens(prompt);
        for (int i = 0; i < maxTokens; i++)
        {
            using var scope = NewDisposeScope();
            var logits = state.Append(tensor(input, [1, input.Length]))[0]; // (V)
            int next = choose(state, logits, sequence);
            sequence.Add(next);
            input = [next];
        }
        return [.. sequence.Skip(prompt.Count)];
    }
}
