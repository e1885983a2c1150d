using DslRunner.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// A next-token model: token ids (B, T) → logits (B, T, V). Exposes its token vectors (seed 000's geometry)
/// and shares the output heads: dot, tied and cosine.
/// </summary>
public abstract class LanguageModel : nn.Module<Tensor, Tensor>
{
    protected LanguageModel(string name, int vocabularySize, int context, OutputHead head) : base(name)
    {
        VocabularySize = vocabularySize;
        Context = context;
        Head = head;
    }

    public int VocabularySize { get; }

    /// <summary>Longest input the model accepts.</summary>
    public int Context { get; }

    public OutputHead Head { get; }

    /// <summary>The input token vectors, (V, d).</summary>
    public abstract Tensor TokenVectors { get; }

    /// <summary>The output head's token vectors when they are not the input ones (dot head), else null.</summary>
    public abstract Tensor? OutputVectors { get; }

    /// <summary>
    /// A fresh state for incremental decoding. This default recomputes the context window at every step;
    /// models that can carry their computation forward (a key/value cache, a recurrent state) override it.
    /// </summary>
    public virtual DecodingState StartDecoding() => new RecomputingDecodingState(this);

    /// <summary>Exact number of trainable parameters (tied weights counted once).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());
}
