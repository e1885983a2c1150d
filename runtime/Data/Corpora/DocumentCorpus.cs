namespace DslRunner.Data.Corpora;

/// <summary>
/// A finite corpus of documents. The text is every document in an order shuffled by the seed, separated by a
/// blank line, so splits differ between seeds but never within one.
/// </summary>
public abstract class DocumentCorpus : ICorpus
{
    public const string DocumentSeparator = "\n\n";

    IReadOnlyList<CorpusDocument>? _documents;

    public abstract string Description { get; }

    public abstract string Identity { get; }

    protected abstract IReadOnlyList<CorpusDocument> LoadDocuments();

    public IReadOnlyList<CorpusDocument> Documents
    {
        get
        {
            if (_documents is not null) return _documents;
            var documents = LoadDocuments();
            if (documents.All(document => string.IsNullOrWhiteSpace(document.Text)))
                throw new InvalidDataException($"{Description} is empty: its {documents.Count} document(s) hold no text");
            return _documents = documents;
        }
    }

    /// <summary>
    /// The shuffled documents, as many as reach <paramref name="minimumCharacters"/> (at least one, all when the corpus
    /// is shorter): a prefix of the whole shuffled text ending at a document boundary, so a larger minimum extends it.
    /// </summary>
    public string ReadText(int seed, int minimumCharacters)
    {
        var documents = Documents.Where(document => !string.IsNullOrWhiteSpace(document.Text)).ToArray();
        new Random(seed).Shuffle(documents);
        var text = new System.Text.StringBuilder();
        foreach (var document in documents)
        {
            if (text.Length > 0) text.Append(DocumentSeparator);
            text.Append(document.Text);
            if (text.Length >= minimumCharacters) break;
        }
        return text.ToString();
    }
}
