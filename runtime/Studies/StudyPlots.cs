using ScottPlot;

namespace DslRunner.Studies;

/// <summary>One named series of (x, y) points.</summary>
public sealed record PlotSeries(string Name, double[] X, double[] Y);

/// <summary>The PNG figures of study reports (ScottPlot), each written whole or not at all.</summary>
public static class StudyPlots
{
    public const int Width = 800, Height = 450;

    /// <summary>Series drawn as lines with markers, against a named x axis.</summary>
    public static StudyFigure Lines(StudyContext context, string file, string title, string xLabel, string yLabel, IEnumerable<PlotSeries> series)
    {
        var plot = new Plot();
        foreach (var line in series.Where(s => s.X.Length > 0))
        {
            var scatter = plot.Add.Scatter(line.X, line.Y);
            scatter.LegendText = line.Name;
            scatter.MarkerSize = line.X.Length > 60 ? 0 : 5;
        }
        return Save(context, plot, file, title, xLabel, yLabel);
    }

    /// <summary>Points without connecting lines, optionally with the line y = x for predicted-against-measured plots.</summary>
    public static StudyFigure Points(
        StudyContext context, string file, string title, string xLabel, string yLabel, IEnumerable<PlotSeries> series, bool diagonal = false)
    {
        var plot = new Plot();
        double high = 0;
        foreach (var group in series.Where(s => s.X.Length > 0))
        {
            var markers = plot.Add.Markers(group.X, group.Y);
            markers.LegendText = group.Name;
            markers.MarkerSize = 9;
            high = Math.Max(high, Math.Max(group.X.Max(), group.Y.Max()));
        }
        if (diagonal && high > 0)
        {
            var identity = plot.Add.Line(0, 0, high * 1.1, high * 1.1);
            identity.LegendText = "y = x";
            identity.LinePattern = LinePattern.Dashed;
        }
        return Save(context, plot, file, title, xLabel, yLabel);
    }

    static StudyFigure Save(StudyContext context, Plot plot, string file, string title, string xLabel, string yLabel)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        string path = context.PathOf(file);
        string temporary = $"{path}.{Environment.ProcessId}.tmp.png";
        plot.SavePng(temporary, Width, Height);
        File.Move(temporary, path, overwrite: true);
        return new StudyFigure(file, title);
    }
}
