using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DslRunner.Config;

namespace DslRunner.Data.Corpora;

/// <summary>The generated corpus (<see cref="SyntheticCorpus"/>): as much text as asked for, a pure function of the seed, the recall share and the names per key.</summary>
public sealed class SyntheticCorpusSource(double recallShare = SyntheticCorpus.DefaultRecallShare, int recallNames = 1) : ICorpus
{
    /// <summary>A fingerprint of the generator's output, so that changing the generator never reuses cached tokens.</summary>
    static readonly Lazy<string> GeneratorFingerprint = new(() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SyntheticCorpus.Generate(seed: 0, minimumCharacters: 4_000).Text)))[..16]);

    public string Description => "the synthetic corpus";

    /// <summary>The defaults keep the identity (and so the token caches) it had before the share and the names could be declared.</summary>
    public string Identity => "synthetic:" + GeneratorFingerprint.Value
        + (recallShare == SyntheticCorpus.DefaultRecallShare ? "" : ":recall-share-" + recallShare.ToString("R", CultureInfo.InvariantCulture))
        + (recallNames == 1 ? "" : ":recall-names-" + recallNames.ToString(CultureInfo.InvariantCulture));

    public string ReadText(int seed, int minimumCharacters) => Generate(seed, minimumCharacters).Text;

    /// <summary>The text with its planted dependencies: what <see cref="ReadText"/> returns, for measures that need to know where keys sit.</summary>
    public SyntheticText Generate(int seed, int minimumCharacters) => SyntheticCorpus.Generate(seed, minimumCharacters, recallShare, recallNames);
}

/// <summary>The <c>synthetic</c> corpus of the catalog: generated from the seed, so its name is all a run records.</summary>
public sealed record SyntheticCorpusKind : CorpusKindRecord
{
    public override ICorpus Open(DataConfig data, DataOptions options) => new SyntheticCorpusSource(SyntheticCorpus.RecallShareOf(data), SyntheticCorpus.RecallNamesOf(data));

    public override CorpusProvenance Provenance(string corpus, DataConfig data, string cacheRoot) => new(corpus, null, null, null, null);
}
