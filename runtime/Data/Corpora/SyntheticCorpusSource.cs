namespace DslRunner.Data.Corpora;

/// <summary>The generated corpus (<see cref="SyntheticCorpus"/>): as much text as asked for, a pure function of the seed.</summary>
public sealed class SyntheticCorpusSource : ICorpus
{
    public string Description => "the synthetic corpus";

    /// <summary>Bumped whenever the generator's output for a seed changes.</summary>
    public string Identity => "synthetic:1";

    public string ReadText(int seed, int minimumCharacters) => SyntheticCorpus.Generate(seed, minimumCharacters).Text;
}
