using DslRunner.Config;

namespace DslRunner.Geometry;

/// <summary>
/// Seed 001's analytic figures for a model of <see cref="Layers"/> layers of width <see cref="Width"/> over a
/// vocabulary of <see cref="VocabularySize"/> tokens: total possibilities (m·h)^n, reported as its natural
/// logarithm n·ln(m·h), and the dependency length log_V((m·h)^n) = n·ln(m·h)/ln V, in tokens.
/// </summary>
/// <remarks>
/// <para>
/// The seed defines m as "the number of possibilities each layer can represent" per unit of width, and says
/// it is fixed once the architecture is fixed, so that only h and n are left to tune. m is therefore a
/// structural constant of a layer kind, not a learned or data-dependent number. The defaults read it as the
/// number of independent mixing paths a layer offers each unit of its width:
/// </para>
/// <list type="bullet">
/// <item>transformer: m = attention heads — every head routes the context through its own attention pattern
/// into the layer's h-wide output, so a layer combines heads × h ways of writing the residual stream;</item>
/// <item>LSTM: m = 4 — the input, forget, cell and output gates are the four maps per hidden unit through which
/// a layer combines its input with its state.</item>
/// </list>
/// <para>
/// Any other reading can be declared through <c>possibilitiesPerUnit</c>. For GPT-2 small (n 12, h 768,
/// 12 heads, V 50,257) the default gives n·ln(m·h) ≈ 109.5 and a dependency length of ≈ 10.1 tokens.
/// </para>
/// </remarks>
/// <param name="Layers">n: layers (transformer blocks or stacked LSTM layers).</param>
/// <param name="Width">h: the hidden width (d_model or the LSTM hidden size).</param>
/// <param name="PossibilitiesPerUnit">m: possibilities per unit of width in one layer; m·h &gt; 1.</param>
/// <param name="VocabularySize">V: the vocabulary size, ≥ 2.</param>
public sealed record ExpressiveCapacity(int Layers, int Width, double PossibilitiesPerUnit, int VocabularySize)
{
    /// <summary>n·ln(m·h), the natural logarithm of the total possibilities (m·h)^n.</summary>
    public double LogTotalPossibilities => Layers * Math.Log(PossibilitiesPerUnit * Width);

    /// <summary>n·ln(m·h)/ln V: how many tokens of context the total possibilities can tell apart.</summary>
    public double DependencyLength => LogTotalPossibilities / Math.Log(VocabularySize);

    /// <summary>The figures of a declared model; m defaults as described on the type.</summary>
    public static ExpressiveCapacity Of(ModelConfig model, int vocabularySize, double? possibilitiesPerUnit = null)
    {
        var (layers, width, defaultM) = model.ExpressiveShape();
        double m = possibilitiesPerUnit ?? defaultM;
        if (layers < 1 || width < 1) throw new ArgumentException("a model needs at least one layer of positive width", nameof(model));
        if (m * width <= 1) throw new ArgumentOutOfRangeException(nameof(possibilitiesPerUnit), m, "m·h must exceed 1");
        if (vocabularySize < 2) throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "a vocabulary needs at least 2 tokens");
        return new ExpressiveCapacity(layers, width, m, vocabularySize);
    }
}
