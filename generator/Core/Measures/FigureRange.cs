namespace DslRunner.Generator.Measures;

/// <summary>The values a measure's figures can take, so an interval over seeds is never reported beyond them.</summary>
public enum FigureRange
{
    /// <summary>Any real number.</summary>
    Any,
    /// <summary>Never negative: a loss, an entropy, a size, a count.</summary>
    NonNegative,
    /// <summary>A share or fraction, in [0, 1].</summary>
    Fraction,
    /// <summary>At least 1: a perplexity.</summary>
    AtLeastOne,
}
