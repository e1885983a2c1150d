namespace DslRunner.Statistics;

/// <summary>A closed interval [Low, High]; infinite ends when there was too little data to bound it.</summary>
public readonly record struct Interval(double Low, double High)
{
    public static readonly Interval Unbounded = new(double.NegativeInfinity, double.PositiveInfinity);

    public bool IsBounded => double.IsFinite(Low) && double.IsFinite(High);

    public double Width => High - Low;
}

/// <summary>How an interval was computed, for the report to say.</summary>
public enum IntervalMethod
{
    /// <summary>Student's t on the mean over seeds.</summary>
    T,
    /// <summary>Student's t on the per-seed differences of two arms that share seeds.</summary>
    PairedT,
    /// <summary>Welch's t on the difference of two means whose seeds differ.</summary>
    WelchT,
    /// <summary>Wilson's score interval on a pooled count.</summary>
    Wilson,
    /// <summary>Student's t on Fisher's z of per-seed correlations, mapped back.</summary>
    FisherZ,
    /// <summary>No interval needed: the value does not vary by seed (a model built and counted, never trained).</summary>
    Exact,
}

/// <summary>A point estimate with its interval.</summary>
/// <param name="Value">The estimate (a mean, a mean difference, a rate, a correlation); NaN when nothing was measured.</param>
/// <param name="Interval">The interval at <paramref name="Level"/>.</param>
/// <param name="Count">Observations behind it: seeds, seed pairs, or trials for a rate.</param>
/// <param name="Spread">Standard deviation over seeds (for a rate: of the per-seed rates); NaN below two seeds.</param>
public sealed record Estimate(double Value, Interval Interval, int Count, double Spread, double Level, IntervalMethod Method)
{
    public const double DefaultLevel = 0.95;

    /// <summary>The standard error the interval was built from (t methods; on Fisher's z scale for correlations); NaN otherwise.</summary>
    public double StandardError { get; init; } = double.NaN;

    /// <summary>The t distribution's degrees of freedom behind the interval (t methods); NaN otherwise.</summary>
    public double DegreesOfFreedom { get; init; } = double.NaN;

    /// <summary>What the t methods' observations are: seeds, or texts (each the mean over its seeds) where a study replicates the text.</summary>
    public string Unit { get; init; } = SeedUnit;

    public const string SeedUnit = "seeds";

    /// <summary>The unit of an interval over replicated texts: each text's mean over its seeds is one observation.</summary>
    public const string TextUnit = "texts (seed means)";

    public static Estimate Nothing(IntervalMethod method, double level = DefaultLevel) =>
        new(double.NaN, Interval.Unbounded, 0, double.NaN, level, method);

    public string MethodText => Method switch
    {
        IntervalMethod.T => $"t over {Unit}",
        IntervalMethod.PairedT => $"paired t over {Unit}",
        IntervalMethod.WelchT => Unit == SeedUnit ? "Welch t" : $"Welch t over {Unit}",
        IntervalMethod.Wilson => "Wilson",
        IntervalMethod.Exact => "exact: built, not trained",
        _ => $"t on Fisher z over {Unit}",
    };
}
