namespace DslRunner.Studies;

/// <summary>Which value of a metric's record a check uses.</summary>
public enum ValueKind
{
    /// <summary>The value on the test split (the shared evaluation text) after training: the default.</summary>
    Final,
    /// <summary>The last validation value.</summary>
    Last,
    /// <summary>The smallest validation value over training.</summary>
    Min,
    /// <summary>The largest validation value over training.</summary>
    Max,
    /// <summary>The first validation value (before or at the first evaluation).</summary>
    Start,
    /// <summary>The validation value at a given step.</summary>
    Step,
    /// <summary>The untrained model's value (before the first step) on the test split, the text the final value is measured on.</summary>
    Init,
}

/// <summary>How a check compares its left side with its right.</summary>
public enum CheckOperator { Greater, Less, Equal }

/// <summary>One measured quantity per seed.</summary>
public abstract record CheckValue
{
    /// <summary>The arm whose values are the baseline of a relative effect (the subtracted one), or the only arm.</summary>
    public abstract string BaselineArm { get; }

    /// <summary>The arms' metric values it reads (none for a correlation, which reads validation series).</summary>
    public IEnumerable<MetricValue> Metrics => this switch
    {
        MetricValue m => [m],
        DifferenceValue d => [d.Left, d.Right],
        SlopeValue s => s.Points,
        _ => [],
    };
}

/// <summary><c>metric@value[arm]</c>: a metric of one arm.</summary>
public sealed record MetricValue(string Metric, string Arm, ValueKind Kind, int Step = 0) : CheckValue
{
    public override string BaselineArm => Arm;

    public override string ToString() => Kind switch
    {
        ValueKind.Final => $"{Metric}[{Arm}]",
        ValueKind.Step => $"{Metric}@step{Step}[{Arm}]",
        _ => $"{Metric}@{Kind.ToString().ToLowerInvariant()}[{Arm}]",
    };
}

/// <summary><c>a − b</c>: paired by seed where the arms share seeds.</summary>
public sealed record DifferenceValue(MetricValue Left, MetricValue Right) : CheckValue
{
    public override string BaselineArm => Right.Arm;

    public override string ToString() => $"{Left} - {Right}";
}

/// <summary>
/// <c>corr(x, y)[arm]</c>: per seed, Pearson's r between the step-to-step changes of two validation series; pooled over
/// seeds through Fisher's z.
/// </summary>
public sealed record CorrelationValue(string X, string Y, string Arm) : CheckValue
{
    public override string BaselineArm => Arm;

    public override string ToString() => $"corr({X}, {Y})[{Arm}]";
}

/// <summary>
/// <c>slope(y, x)[a, b, …]</c>: per replicate, the least-squares slope of <see cref="Y"/> on <see cref="X"/> over the
/// arms' final values, one point per arm; a t interval over the replicates' slopes. It asks how one measure scales with
/// another across a grid of arms, with the replicate as the unit, as a difference does for two arms.
/// </summary>
public sealed record SlopeValue(string Y, string X, IReadOnlyList<string> Arms) : CheckValue
{
    public override string BaselineArm => Arms[0];

    /// <summary>Y and X at every arm.</summary>
    public IReadOnlyList<MetricValue> Points => [.. Arms.SelectMany(arm => new[] { new MetricValue(Y, arm, ValueKind.Final), new MetricValue(X, arm, ValueKind.Final) })];

    /// <summary>The least-squares slope of y on x; NaN when fewer than two points or x does not vary.</summary>
    public static double Fit(IReadOnlyList<(double X, double Y)> points)
    {
        var finite = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        if (finite.Count < 2) return double.NaN;
        double meanX = finite.Average(p => p.X), meanY = finite.Average(p => p.Y);
        double sxx = finite.Sum(p => (p.X - meanX) * (p.X - meanX)), sxy = finite.Sum(p => (p.X - meanX) * (p.Y - meanY));
        return sxx == 0 ? double.NaN : sxy / sxx;
    }

    public bool Equals(SlopeValue? other) => other is not null && Y == other.Y && X == other.X && Arms.SequenceEqual(other.Arms);

    public override int GetHashCode() => HashCode.Combine(Y, X, string.Join(",", Arms));

    public override string ToString() => $"slope({Y}, {X})[{string.Join(", ", Arms)}]";
}

/// <summary>A whole check: <c>value op number</c>.</summary>
public sealed record CheckExpression(CheckValue Value, CheckOperator Operator, double Line)
{
    public override string ToString() =>
        $"{Value} {(Operator == CheckOperator.Greater ? ">" : Operator == CheckOperator.Less ? "<" : "==")} {Line.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
}
