using ScottPlot;

namespace DslRunner.Runs;

/// <summary>The PNG plots of run, sweep and study reports (ScottPlot): one size, titled and labelled alike, each written whole or not at all.</summary>
public static class Plots
{
    public const int Width = 800, Height = 450;

    /// <summary>Titles and labels a plot and writes it to <paramref name="path"/> through a temporary file.</summary>
    public static void Save(Plot plot, string path, string title, string xLabel, string yLabel, bool legend = true)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (legend) plot.ShowLegend(Alignment.UpperRight);
        string temporary = $"{path}.{Environment.ProcessId}.tmp.png";
        plot.SavePng(temporary, Width, Height);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>One or more named series against the step.</summary>
    public static void Lines(string path, string title, string yLabel, IEnumerable<(string Name, double[] Steps, double[] Values)> series)
    {
        var plot = new Plot();
        foreach (var (name, steps, values) in series)
        {
            if (steps.Length == 0) continue;
            var line = plot.Add.Scatter(steps, values);
            line.LegendText = name;
            line.MarkerSize = steps.Length > 60 ? 0 : 4;
        }
        Save(plot, path, title, "step", yLabel);
    }

    /// <summary>Points labelled with their text (the token-vector map): at most <paramref name="maxLabels"/> labels, none overlapping another.</summary>
    public static void LabelledPoints(string path, string title, IReadOnlyList<(string Label, double X, double Y)> points, int maxLabels = 120)
    {
        var plot = new Plot();
        var markers = plot.Add.Markers(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        markers.MarkerSize = 4;
        foreach (int i in MapLabels.Place(points, Width, Height, maxLabels))
        {
            var label = plot.Add.Text(points[i].Label, points[i].X, points[i].Y);
            label.LabelFontSize = 10;
        }
        Save(plot, path, title, "component 1", "component 2", legend: false);
    }
}
