namespace DslRunner.Data.Corpora;

/// <summary>A source of text for the data pipeline.</summary>
public interface ICorpus
{
    /// <summary>What the corpus is, for messages (e.g. "the text corpus data/*.txt").</summary>
    string Description { get; }

    /// <summary>Changes whenever the text would change; part of the tokenized-data cache key.</summary>
    string Identity { get; }

    /// <summary>
    /// The corpus text with its documents in the order <paramref name="seed"/> gives them: at least
    /// <paramref name="minimumCharacters"/> (a finite corpus stops at the first document boundary past it, or returns
    /// all it has); a larger minimum with the same seed extends the same text.
    /// </summary>
    string ReadText(int seed, int minimumCharacters);
}
