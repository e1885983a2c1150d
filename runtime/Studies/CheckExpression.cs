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

/// <summary>A whole check: <c>value op number</c>.</summary>
public sealed record CheckExpression(CheckValue Value, CheckOperator Operator, double Line)
{
    public override string ToString() =>
        $"{Value} {(Operator == CheckOperator.Greater ? ">" : Operator == CheckOperator.Less ? "<" : "==")} {Line.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
}
