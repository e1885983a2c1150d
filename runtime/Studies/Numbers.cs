using System.Globalization;
using DslRunner.Statistics;

namespace DslRunner.Studies;

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

    /// <summary>An estimate's interval as <c>[low, high]</c>, or <c>[no interval]</c> when too few values bound it.</summary>
    public static string IntervalText(Estimate e) => e.Interval.IsBounded
        ? $"[{Format(e.Interval.Low)}, {Format(e.Interval.High)}]"
        : "[no interval]";
}
