using System;
using System.Collections.Generic;

namespace DslRunner.Generator.Binding;

/// <summary>Suggests the known name closest to a misspelt one (Levenshtein distance).</summary>
public static class DidYouMean
{
    /// <summary>"; did you mean 'x'?" or "" when nothing is close enough.</summary>
    public static string Suffix(string written, IEnumerable<string> known) =>
        Closest(written, known) is { } best ? $"; did you mean '{best}'?" : "";

    /// <summary>The known name closest to the written one, or null when nothing is close enough.</summary>
    public static string? Closest(string written, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            int distance = Distance(written.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        int allowed = Math.Max(2, written.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
