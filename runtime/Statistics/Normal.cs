namespace DslRunner.Statistics;

/// <summary>The standard normal distribution's two-sided critical value (Wilson intervals need it).</summary>
public static class Normal
{
    /// <summary>The z with a central mass of <paramref name="level"/> between −z and z (1.959964 for 0.95).</summary>
    public static double TwoSided(double level)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), "level must lie in (0, 1)");
        double low = 0, high = 10;
        for (int i = 0; i < 200 && high - low > 1e-13; i++)
        {
            double middle = (low + high) / 2;
            if (CentralMass(middle) < level) low = middle; else high = middle;
        }
        return (low + high) / 2;
    }

    /// <summary>P(Z ≤ z) for the standard normal Z.</summary>
    public static double Cdf(double z) =>
        double.IsNaN(z) ? double.NaN : z >= 0 ? 0.5 + CentralMass(Math.Min(z, 8)) / 2 : 0.5 - CentralMass(Math.Min(-z, 8)) / 2;

    /// <summary>P(−z ≤ Z ≤ z) = erf(z/√2) = I_{z²/(z²+ν)}(1/2, ν/2) as ν → ∞, computed as the regularized lower gamma P(1/2, z²/2).</summary>
    static double CentralMass(double z) => LowerGammaHalf(z * z / 2);

    /// <summary>The regularized lower incomplete gamma P(1/2, x), by its power series (x here stays below ~10).</summary>
    static double LowerGammaHalf(double x)
    {
        if (x <= 0) return 0;
        double term = 1 / 0.5, sum = term;
        for (int n = 1; n < 1000; n++)
        {
            term *= x / (0.5 + n);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum * Math.Exp(-x + 0.5 * Math.Log(x) - IncompleteBeta.LogGamma(0.5));
    }
}
