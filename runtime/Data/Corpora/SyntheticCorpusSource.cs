using System.Security.Cryptography;
using System.Text;

namespace DslRunner.Data.Corpora;

/// <summary>The generated corpus (<see cref="SyntheticCorpus"/>): as much text as asked for, a pure function of the seed.</summary>
public sealed class SyntheticCorpusSource : ICorpus
{
    /// <summary>A fingerprint of the generator's output, so that changing the generator never reuses cached tokens.</summary>
    static readonly Lazy<string> GeneratorFingerprint = new(() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SyntheticCorpus.Generate(seed: 0, minimumCharacters: 4_000).Text)))[..16]);

    public string Description => "the synthetic corpus";

    public string Identity => "synthetic:" + GeneratorFingerprint.Value;

    public string ReadText(int seed, int minimumCharacters) => SyntheticCorpus.Generate(seed, minimumCharacters).Text;
}
