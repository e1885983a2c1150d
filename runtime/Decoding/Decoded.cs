namespace DslRunner.Decoding;

/// <summary>
/// One prompt's continuation and the model's own view of it, read from the logits the decode computed: the
/// log-probability the model gave each generated token and its top-p nucleus size
/// (p = <see cref="DecodingMetrics.NucleusP"/>) at that position, both from the raw logits (temperature 1).
/// </summary>
/// <param name="Tokens">The generated tokens, the prompt excluded.</param>
/// <param name="LogProbabilities">The model's log-probability of each generated token.</param>
/// <param name="NucleusSizes">The model's nucleus size at each generated position.</param>
public sealed record Decoded(int[] Tokens, float[] LogProbabilities, long[] NucleusSizes)
{
    /// <summary>exp of the mean negative log-likelihood of the generated tokens; NaN when there are none.</summary>
    public double Perplexity
    {
        get
        {
            if (Tokens.Length == 0) return double.NaN;
            double negativeLogLikelihood = 0;
            foreach (float logProbability in LogProbabilities) negativeLogLikelihood -= logProbability;
            return Math.Exp(negativeLogLikelihood / Tokens.Length);
        }
    }

    /// <summary>Mean nucleus size over the generated positions; NaN when there are none.</summary>
    public double MeanNucleusSize => Tokens.Length == 0 ? double.NaN : NucleusSizes.Sum() / (double)Tokens.Length;
}
