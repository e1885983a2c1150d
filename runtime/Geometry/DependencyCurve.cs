namespace DslRunner.Geometry;

/// <summary>The probe's result for the planted dependencies whose distance falls in [<see cref="From"/>, <see cref="To"/>].</summary>
/// <param name="From">Smallest distance of the bucket, in tokens.</param>
/// <param name="To">Largest distance of the bucket, in tokens (inclusive).</param>
/// <param name="Episodes">Dependencies probed in the bucket.</param>
/// <param name="Recalled">Episodes whose every word token was the model's top prediction.</param>
/// <param name="WordTokens">Word tokens predicted in the bucket.</param>
/// <param name="CorrectTokens">Word tokens that were the model's top prediction.</param>
/// <param name="LongestDistance">The longest distance actually probed in the bucket.</param>
public sealed record DistanceBucket(int From, int To, int Episodes, int Recalled, int WordTokens, int CorrectTokens, int LongestDistance)
{
    /// <summary>Fraction of episodes recalled exactly: the curve's accuracy.</summary>
    public double Accuracy => (double)Recalled / Episodes;

    /// <summary>Fraction of the word tokens predicted correctly.</summary>
    public double TokenAccuracy => (double)CorrectTokens / WordTokens;
}

/// <summary>Recall accuracy as a function of dependency distance, and how far it stays above a threshold.</summary>
/// <param name="Buckets">Non-empty buckets, shortest distances first.</param>
/// <param name="Threshold">The accuracy a bucket must reach to count as recalled.</param>
/// <param name="LongestDistance">
/// Empirical dependency length: the longest distance probed in the last bucket of the unbroken run of buckets,
/// from the shortest distances on, whose accuracy is at least <see cref="Threshold"/>; null when the first
/// bucket already falls below it.
/// </param>
public sealed record DependencyCurve(IReadOnlyList<DistanceBucket> Buckets, double Threshold, int? LongestDistance)
{
    public static DependencyCurve FromBuckets(IReadOnlyList<DistanceBucket> buckets, double threshold)
    {
        int? longest = null;
        foreach (var bucket in buckets)
        {
            if (bucket.Accuracy < threshold) break;
            longest = bucket.LongestDistance;
        }
        return new DependencyCurve(buckets, threshold, longest);
    }
}
