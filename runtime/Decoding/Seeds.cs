namespace DslRunner.Decoding;

/// <summary>The samplers of a batch: row i draws from seeds[i], or every row from the declared seed.</summary>
internal static class Seeds
{
    public static TokenSampler[] Samplers(int declared, int rows, IReadOnlyList<int>? seeds)
    {
        if (seeds is not null && seeds.Count != rows)
            throw new ArgumentException($"expected one seed per prompt ({rows}), got {seeds.Count}", nameof(seeds));
        return [.. Enumerable.Range(0, rows).Select(row => new TokenSampler(seeds?[row] ?? declared))];
    }
}
