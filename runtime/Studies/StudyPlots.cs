using DslRunner.Runs;
using ScottPlot;

namespace DslRunner.Studies;

/// <summary>One named series of (x, y) points.</summary>
public sealed record PlotSeries(string Name, double[] X, double[] Y);

/// <summary>A mean line with a band from <see cref="Low"/> to <see cref="High"/> at each x.</summary>
public sealed record BandSeries(string Name, double[] X, double[] Mean, double[] Low, double[] High);

/// <summary>One row of a forest plot.</summary>
public sealed record ForestRow(string Label, double Estimate, double Low, double High);

/// <summary>The figures of study reports: points, forest plots and bands, saved with <see cref="Plots.Save"/>.</summary>
public static class StudyPlots
{
    /// <summary>
    /// Points without connecting lines, optionally with the line y = x for predicted-against-measured plots, and optionally
    /// each point named beside it (many series, where colours alone would repeat).
    /// </summary>
    public static StudyFigure Points(
        StudyContext context, string file, string title, string xLabel, string yLabel, IEnumerable<PlotSeries> series, bool diagonal = false,
        bool nameEachPoint = false)
    {
        var plot = new Plot();
        double high = 0;
        foreach (var group in series.Where(s => s.X.Length > 0))
        {
            var markers = plot.Add.Markers(group.X, group.Y);
            markers.LegendText = nameEachPoint ? "" : group.Name;
            markers.MarkerSize = 9;
            if (nameEachPoint)
                for (int i = 0; i < group.X.Length; i++)
                {
                    var text = plot.Add.Text(group.Name, group.X[i], group.Y[i]);
                    text.LabelFontSize = 10;
                    text.LabelFontColor = markers.Color;
                    text.OffsetX = 6;
                }
            high = Math.Max(high, Math.Max(group.X.Max(), group.Y.Max()));
        }
        if (diagonal && high > 0)
        {
            var identity = plot.Add.Line(0, 0, high * 1.1, high * 1.1);
            identity.LegendText = "y = x";
            identity.LinePattern = LinePattern.Dashed;
        }
        // Named points need no legend (it would hide points) and room right of the rightmost name.
        if (nameEachPoint) plot.Axes.Margins(left: 0.05, right: 0.2, bottom: 0.1, top: 0.1);
        return Save(context, plot, file, title, xLabel, yLabel, legend: !nameEachPoint);
    }

    /// <summary>One row per estimate: its interval as a horizontal line, the estimate as a marker, and the line x = 0.</summary>
    public static StudyFigure Forest(StudyContext context, string file, string title, string xLabel, IReadOnlyList<ForestRow> rows)
    {
        var plot = new Plot();
        for (int i = 0; i < rows.Count; i++)
        {
            double y = rows.Count - i;
            var row = rows[i];
            if (double.IsFinite(row.Low) && double.IsFinite(row.High))
            {
                var interval = plot.Add.Line(row.Low, y, row.High, y);
                interval.LineWidth = 2;
                interval.Color = Colors.Black;
            }
            if (double.IsFinite(row.Estimate))
            {
                var marker = plot.Add.Marker(row.Estimate, y);
                marker.MarkerSize = 9;
            }
        }
        double top = rows.Count + 0.5;
        var zero = plot.Add.Line(0, 0.5, 0, top);
        zero.LinePattern = LinePattern.Dashed;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, rows.Count).Select(i => (double)(rows.Count - i))], [.. rows.Select(r => r.Label)]);
        plot.Axes.SetLimitsY(0.5, top);
        return Save(context, plot, file, title, xLabel, "", legend: false);
    }

    /// <summary>Each series as its mean line over a shaded band (e.g. the lowest and highest seed at each x).</summary>
    public static StudyFigure Bands(StudyContext context, string file, string title, string xLabel, string yLabel, IEnumerable<BandSeries> series)
    {
        var plot = new Plot();
        foreach (var band in series.Where(s => s.X.Length > 0))
        {
            var line = plot.Add.Scatter(band.X, band.Mean);
            line.LegendText = band.Name;
            line.MarkerSize = band.X.Length > 60 ? 0 : 4;
            if (band.X.Length > 1)
            {
                var fill = plot.Add.FillY(band.X, band.Low, band.High);
                fill.FillColor = line.Color.WithAlpha(0.25);
                fill.LineWidth = 0;
            }
        }
        return Save(context, plot, file, title, xLabel, yLabel);
    }

    static StudyFigure Save(StudyContext context, Plot plot, string file, string title, string xLabel, string yLabel, bool legend = true)
    {
        Plots.Save(plot, context.PathOf(file), title, xLabel, yLabel, legend);
        return new StudyFigure(file, title);
    }
}
