namespace DslRunner.Data;

/// <summary>The token stream cut into contiguous train / validation / test segments.</summary>
public sealed record TokenSplits(int[] Train, int[] Validation, int[] Test)
{
    public long TotalTokens => (long)Train.Length + Validation.Length + Test.Length;

    /// <summary>Cuts <paramref name="tokens"/> in order: train first, then validation, then test.</summary>
    public static TokenSplits Cut(int[] tokens, double validation, double test)
    {
        int validationCount = (int)Math.Round(tokens.Length * validation);
        int testCount = (int)Math.Round(tokens.Length * test);
        int trainCount = tokens.Length - validationCount - testCount;
        if (trainCount <= 0)
            throw new InvalidOperationException($"validation ({validation}) and test ({test}) leave no training tokens");
        return new TokenSplits(
            tokens[..trainCount],
            tokens[trainCount..(trainCount + validationCount)],
            tokens[(trainCount + validationCount)..]);
    }

    /// <summary>Only the first <paramref name="trainTokens"/> training tokens (all when null or larger); held-out splits unchanged.</summary>
    public TokenSplits WithTrainingPrefix(long? trainTokens) =>
        trainTokens is { } n && n < Train.Length ? this with { Train = Train[..(int)n] } : this;
}
