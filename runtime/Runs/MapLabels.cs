using System.Globalization;
using System.Text;

namespace DslRunner.Runs;

/// <summary>
/// Labels for a map of points (the token-vector map): text every font draws, and a choice of labels whose boxes do not
/// overlap on the image.
/// </summary>
public static class MapLabels
{
    /// <summary>
    /// A token as printable text: a space as a middle dot, a newline, tab or other control character as its escape,
    /// undecodable bytes (U+FFFD) and unpaired surrogates as <c>&lt;?&gt;</c>, the empty token as <c>&lt;empty&gt;</c>; the rest as is.
    /// </summary>
    public static string Display(string token)
    {
        if (token.Length == 0) return "<empty>";
        var text = new StringBuilder(token.Length);
        for (int i = 0; i < token.Length; i++)
        {
            char c = token[i];
            if (char.IsHighSurrogate(c) && i + 1 < token.Length && char.IsLowSurrogate(token[i + 1]))
            {
                text.Append(c).Append(token[++i]);
                continue;
            }
            if (c == ' ') text.Append('·');
            else if (c == '\n') text.Append("\\n");
            else if (c == '\t') text.Append("\\t");
            else if (c == '\r') text.Append("\\r");
            else if (c == '\uFFFD' || char.IsSurrogate(c)) text.Append("<?>");
            else if (char.IsControl(c)) text.Append(string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"));
            else text.Append(c);
        }
        return text.ToString();
    }

    /// <summary>
    /// The indices of the points to label, in order, skipping any whose label box (<paramref name="charWidth"/> pixels per
    /// character, <paramref name="lineHeight"/> high, drawn from the point to the right and down, as the plot anchors text) would overlap a box
    /// already chosen on a <paramref name="width"/> × <paramref name="height"/> pixel plot; at most <paramref name="max"/>.
    /// </summary>
    public static IReadOnlyList<int> Place(IReadOnlyList<(string Label, double X, double Y)> points, int width, int height, int max,
        double charWidth = 7, double lineHeight = 13)
    {
        if (points.Count == 0) return [];
        double minX = points.Min(p => p.X), maxX = points.Max(p => p.X), minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        double spanX = maxX > minX ? maxX - minX : 1, spanY = maxY > minY ? maxY - minY : 1;
        var placed = new List<(double Left, double Top, double Right, double Bottom)>();
        var chosen = new List<int>();
        for (int i = 0; i < points.Count && chosen.Count < max; i++)
        {
            double x = (points[i].X - minX) / spanX * width, y = (maxY - points[i].Y) / spanY * height;
            var box = (Left: x, Top: y, Right: x + charWidth * Math.Max(1, points[i].Label.Length), Bottom: y + lineHeight);
            if (placed.Any(b => box.Left < b.Right && b.Left < box.Right && box.Top < b.Bottom && b.Top < box.Bottom)) continue;
            placed.Add(box);
            chosen.Add(i);
        }
        return chosen;
    }
}
