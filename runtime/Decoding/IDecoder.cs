using DslRunner.Models;

namespace DslRunner.Decoding;

/// <summary>Continues a prompt with a trained model.</summary>
public interface IDecoder
{
    /// <summary>A short name for reports (e.g. "greedy").</summary>
    string Name { get; }

    /// <summary>Returns only the generated tokens (the prompt excluded).</summary>
    int[] Decode(LanguageModel model, IReadOnlyList<int> prompt);
}
