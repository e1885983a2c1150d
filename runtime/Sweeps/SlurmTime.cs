using System.Globalization;

namespace DslRunner.Sweeps;

/// <summary>Slurm's time-limit formats (<c>--time</c>): minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes, days-hours:minutes:seconds.</summary>
public static class SlurmTime
{
    /// <summary>The limit as a span; null when the text is not a Slurm time limit.</summary>
    public static TimeSpan? Parse(string text)
    {
        string[] dayParts = text.Split('-');
        if (dayParts.Length > 2) return null;
        int days = 0;
        if (dayParts.Length == 2 && !int.TryParse(dayParts[0], NumberStyles.None, CultureInfo.InvariantCulture, out days)) return null;
        var fields = new List<int>();
        foreach (string field in dayParts[^1].Split(':'))
        {
            if (!int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int value)) return null;
            fields.Add(value);
        }
        return (dayParts.Length, fields.Count) switch
        {
            (1, 1) => TimeSpan.FromMinutes(fields[0]),
            (1, 2) => new TimeSpan(0, fields[0], fields[1]),
            (1, 3) => new TimeSpan(fields[0], fields[1], fields[2]),
            (2, 1) => new TimeSpan(days, fields[0], 0, 0),
            (2, 2) => new TimeSpan(days, fields[0], fields[1], 0),
            (2, 3) => new TimeSpan(days, fields[0], fields[1], fields[2]),
            _ => null,
        };
    }
}
