using ScottPlot;

namespace DslRunner.Runs;

/// <summary>The PNG plots of a report (ScottPlot).</summary>
public static class Plots
{
    public const int Width = 800, Height = 450;

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
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
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
        plot.Title(title);
        plot.XLabel("component 1");
        plot.YLabel("component 2");
        plot.SavePng(path, Width, Height);
    }
}
