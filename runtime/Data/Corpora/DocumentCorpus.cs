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

    public string ReadText(int seed, int minimumCharacters)
    {
        var documents = Documents.Where(document => !string.IsNullOrWhiteSpace(document.Text)).ToArray();
        new Random(seed).Shuffle(documents);
        return string.Join(DocumentSeparator, documents.Select(document => document.Text));
    }
}
