namespace DslRunner.Statistics;

/// <summary>Student's t distribution: the two-sided critical value a t interval over a few seeds needs.</summary>
public static class StudentT
{
    /// <summary>P(T ≤ <paramref name="t"/>) for <paramref name="degreesOfFreedom"/> &gt; 0 (not necessarily whole, for Welch).</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), "degrees of freedom must be positive");
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsPositiveInfinity(t)) return 1;
        if (double.IsNegativeInfinity(t)) return 0;
        double x = degreesOfFreedom / (degreesOfFreedom + t * t);
        double tail = 0.5 * IncompleteBeta.Regularized(degreesOfFreedom / 2, 0.5, x);   // P(T > |t|)
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The t with P(T ≤ t) = <paramref name="probability"/>, found by bisection on <see cref="Cdf"/> to 1e-12.</summary>
    public static double Quantile(double probability, double degreesOfFreedom)
    {
        if (!(probability > 0 && probability < 1)) throw new ArgumentOutOfRangeException(nameof(probability), "probability must lie in (0, 1)");
        if (probability == 0.5) return 0;
        if (probability < 0.5) return -Quantile(1 - probability, degreesOfFreedom);
        double low = 0, high = 1;
        while (Cdf(high, degreesOfFreedom) < probability) high *= 2;
        for (int i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, high); i++)
        {
            double middle = (low + high) / 2;
            if (Cdf(middle, degreesOfFreedom) < probability) low = middle; else high = middle;
        }
        return (low + high) / 2;
    }

    /// <summary>The t with a central mass of <paramref name="level"/> between −t and t (e.g. 4.303 for 0.95 and 2 df).</summary>
    public static double TwoSided(double level, double degreesOfFreedom) => Quantile(0.5 + level / 2, degreesOfFreedom);
}
