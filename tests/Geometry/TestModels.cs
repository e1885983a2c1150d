using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Tests.Geometry;

/// <summary>Small models for the geometry, loss and sparsity tests.</summary>
static class TestModels
{
    public static TransformerConfig TinyTransformer(OutputHead head = OutputHead.Dot) =>
        new(Layers: 1, DModel: 8, Heads: 2, Context: 8, Head: head, Dropout: 0, CosineScale: null);

    public static GptModel TinyGpt(int seed = 1, OutputHead head = OutputHead.Dot, int vocabularySize = 11)
    {
        TorchRuntime.Configure(threads: 1, seed: seed);
        return new GptModel(TinyTransformer(head), vocabularySize);
    }
}

/// <summary>A model whose logits are one value everywhere.</summary>
sealed class ConstantLogitsModel : LanguageModel
{
    readonly Parameter _tokenVectors;
    readonly float _logit;

    public ConstantLogitsModel(int vocabularySize, int context, float logit)
        : base(nameof(ConstantLogitsModel), vocabularySize, context, OutputHead.Tied)
    {
        _tokenVectors = nn.Parameter(ones(vocabularySize, 2));
        _logit = logit;
        RegisterComponents();
    }

    public override Tensor TokenVectors => _tokenVectors;
    public override Tensor? OutputVectors => null;

    public override Tensor forward(Tensor tokens) => full(tokens.shape[0], tokens.shape[1], VocabularySize, _logit);
}

/// <summary>
/// A model that can recall over at most <c>reach</c> tokens. At every position it finds the latest recall marker
/// and the latest keep marker before it; when they are at most <c>reach</c> apart it copies the token that
/// followed the keep marker at the same offset, otherwise it predicts token 0. Its logits are one-hot.
/// </summary>
sealed class CopyingModel : LanguageModel
{
    readonly Parameter _tokenVectors;
    readonly int _keep, _recall, _reach;

    public CopyingModel(int vocabularySize, int context, int keepToken, int recallToken, int reach)
        : base(nameof(CopyingModel), vocabularySize, context, OutputHead.Tied)
    {
        _tokenVectors = nn.Parameter(ones(vocabularySize, 2));
        (_keep, _recall, _reach) = (keepToken, recallToken, reach);
        RegisterComponents();
    }

    public override Tensor TokenVectors => _tokenVectors;
    public override Tensor? OutputVectors => null;

    public override Tensor forward(Tensor tokens)
    {
        int batch = (int)tokens.shape[0], time = (int)tokens.shape[1];
        long[] ids = tokens.data<long>().ToArray();
        var logits = new float[batch * time * VocabularySize];
        for (int b = 0; b < batch; b++)
        {
            var row = ids.AsSpan(b * time, time);
            for (int t = 0; t < time; t++)
                logits[(b * time + t) * VocabularySize + Predict(row, t)] = 1;
        }
        return tensor(logits, [batch, time, VocabularySize]);
    }

    int Predict(ReadOnlySpan<long> row, int position)
    {
        int recall = row[..(position + 1)].LastIndexOf(_recall);
        if (recall < 0) return 0;
        int keep = row[..recall].LastIndexOf(_keep);
        if (keep < 0 || recall - keep > _reach) return 0;
        int source = keep + 1 + (position - recall);
        return source < recall ? (int)row[source] : 0;
    }
}

/// <summary>
/// A model that knows a token sequence by heart: at each position it finds the input so far in the sequence and
/// predicts the token that follows it there. On windows cut from that sequence it is always right.
/// </summary>
sealed class OracleModel : LanguageModel
{
    readonly Parameter _tokenVectors;
    readonly string _text;

    public OracleModel(int[] knownTokens, int vocabularySize, int context)
        : base(nameof(OracleModel), vocabularySize, context, OutputHead.Tied)
    {
        _tokenVectors = nn.Parameter(ones(vocabularySize, 2));
        _text = new string(knownTokens.Select(t => (char)t).ToArray());
        RegisterComponents();
    }

    public override Tensor TokenVectors => _tokenVectors;
    public override Tensor? OutputVectors => null;

    public override Tensor forward(Tensor tokens)
    {
        int batch = (int)tokens.shape[0], time = (int)tokens.shape[1];
        long[] ids = tokens.data<long>().ToArray();
        var logits = new float[batch * time * VocabularySize];
        for (int b = 0; b < batch; b++)
        {
            string row = new(ids.Skip(b * time).Take(time).Select(t => (char)t).ToArray());
            for (int t = 0; t < time; t++)
            {
                int found = _text.IndexOf(row[..(t + 1)], StringComparison.Ordinal);
                int next = found >= 0 && found + t + 1 < _text.Length ? _text[found + t + 1] : 0;
                logits[(b * time + t) * VocabularySize + next] = 1;
            }
        }
        return tensor(logits, [batch, time, VocabularySize]);
    }
}
