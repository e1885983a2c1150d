namespace DslRunner.Data.Corpora;

/// <summary>A source of text for the data pipeline.</summary>
public interface ICorpus
{
    /// <summary>What the corpus is, for messages (e.g. "the text corpus data/*.txt").</summary>
    string Description { get; }

    /// <summary>Changes whenever the text would change; part of the tokenized-data cache key.</summary>
    string Identity { get; }

    /// <summary>
    /// The corpus text with its documents in the order <paramref name="seed"/> gives them. A generated corpus
    /// returns at least <paramref name="minimumCharacters"/>; a finite one returns all it has.
    /// </summary>
    string ReadText(int seed, int minimumCharacters);
}
