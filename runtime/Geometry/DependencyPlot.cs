using ScottPlot;

namespace DslRunner.Geometry;

/// <summary>Draws a <see cref="DependencyCurve"/>: recall accuracy against distance, with the threshold and lengths marked.</summary>
public static class DependencyPlot
{
    /// <summary>Writes the curve as a PNG image to <paramref name="path"/>, whole or not at all.</summary>
    /// <param name="analyticLength">Seed 001's analytic dependency length in tokens, drawn for comparison when given.</param>
    /// <param name="context">The model's context window in tokens, drawn when given: no dependency beyond it can be recalled.</param>
    public static void SavePng(
        DependencyCurve curve, string path, string title, double? analyticLength = null, int? context = null, int width = 800, int height = 500)
    {
        var plot = new Plot();
        double[] distances = curve.Buckets.Select(b => (b.From + b.To) / 2.0).ToArray();
        var accuracy = plot.Add.Scatter(distances, curve.Buckets.Select(b => b.Accuracy).ToArray());
        accuracy.LegendText = "word recalled";
        var tokenAccuracy = plot.Add.Scatter(distances, curve.Buckets.Select(b => b.TokenAccuracy).ToArray());
        tokenAccuracy.LegendText = "word tokens correct";
        tokenAccuracy.LinePattern = LinePattern.Dashed;

        var threshold = plot.Add.HorizontalLine(curve.Threshold);
        threshold.LegendText = $"threshold {curve.Threshold.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}";
        threshold.LinePattern = LinePattern.Dotted;
        if (curve.LongestDistance is { } longest)
        {
            var empirical = plot.Add.VerticalLine(longest);
            empirical.LegendText = $"empirical length {longest}";
        }
        if (analyticLength is { } analytic)
        {
            var line = plot.Add.VerticalLine(analytic);
            line.LegendText = $"analytic length {analytic.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}";
            line.LinePattern = LinePattern.Dashed;
        }

        if (context is { } window)
        {
            var line = plot.Add.VerticalLine(window);
            line.LegendText = $"context {window}";
            line.LinePattern = LinePattern.Dotted;
        }

        plot.Title(title);
        plot.XLabel("distance (tokens)");
        plot.YLabel("accuracy");
        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend(Alignment.UpperRight);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        string temporary = $"{path}.{Environment.ProcessId}.tmp.png";
        plot.SavePng(temporary, width, height);
        File.Move(temporary, path, overwrite: true);
    }
}
