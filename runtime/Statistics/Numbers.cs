using System.Globalization;

namespace DslRunner.Statistics;

/// <summary>Number formatting for reports: invariant culture, a few significant digits, thousands separated.</summary>
public static class Numbers
{
    public static string Format(double value) =>
        double.IsNaN(value) ? "—"
        : Math.Abs(value) >= 1e15 ? value.ToString("0.00e+0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : value != 0 && Math.Abs(value) < 1e-3 ? value.ToString("0.##e+0", CultureInfo.InvariantCulture)
        : value.ToString(Math.Abs(value) < 1 ? "0.####" : "0.###", CultureInfo.InvariantCulture);

    public static string Format(double? value) => value is { } v ? Format(v) : "none";

    /// <summary>
    /// <paramref name="value"/> rounded to what <paramref name="e"/>'s interval supports: two significant digits of its
    /// half-width (a value known to ±0.0123 prints to 0.001). Without a bounded interval of some width, <see cref="Format(double)"/>.
    /// </summary>
    public static string Supported(double value, Estimate e)
    {
        if (!double.IsFinite(value) || !e.Interval.IsBounded || !HasWidth(e, value)) return Format(value);
        return ToDecimals(value, DecimalsFor(e.Interval.Width / 2));
    }

    /// <summary>
    /// Whether the interval is wider than the rounding of its own arithmetic: the same value in every replicate can leave
    /// a width of 1e-16, which is no spread and supports no twelfth decimal.
    /// </summary>
    public static bool HasWidth(Estimate e, double value) =>
        e.Interval.Width > 1e-12 * Math.Max(1, Math.Max(Math.Abs(value), Math.Max(Math.Abs(e.Interval.Low), Math.Abs(e.Interval.High))));

    /// <summary>Decimals that keep two significant digits of <paramref name="halfWidth"/>.</summary>
    public static int DecimalsFor(double halfWidth) => Math.Clamp(1 - (int)Math.Floor(Math.Log10(halfWidth)), 0, 12);

    public static string ToDecimals(double value, int decimals) =>
        value.ToString((Math.Abs(value) >= 1000 ? "N" : "F") + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary><see cref="IntervalText"/> with both ends rounded as <see cref="Supported"/> rounds the estimate.</summary>
    public static string SupportedInterval(Estimate e) => e.Interval.IsBounded
        ? $"[{Supported(e.Interval.Low, e)}, {Supported(e.Interval.High, e)}]"
        : "[no interval]";

    /// <summary>An estimate's interval as <c>[low, high]</c>, or <c>[no interval]</c> when too few values bound it.</summary>
    public static string IntervalText(Estimate e) => e.Interval.IsBounded
        ? $"[{Format(e.Interval.Low)}, {Format(e.Interval.High)}]"
        : "[no interval]";
}
