using System.Text.Json;

namespace DslRunner.Data.Corpora;

/// <summary>
/// Classical Chinese poems from the chinese-poetry npm package, one document per poem: its title line (title,
/// tune name or chapter, when present), its author line (when present), then its lines. Read from the poetry
/// collections only: Tang and Song shi, Song ci, the Shijing, the Chuci, Cao Cao, Nalan Xingde, the Five
/// Dynasties ci and Yuan qu. Left out: a second edition of the Tang poems (yudingquantangshi), the
/// "three hundred" selections (subsets of the above), prose and primers, tone patterns, rankings and author
/// biographies. Exact duplicate poems are kept once.
/// </summary>
public sealed class ChinesePoetryCorpus(string packageFolder, string identity) : DocumentCorpus
{
    /// <summary>Folders under dist/ and the file names read from each (top level only).</summary>
    public static readonly IReadOnlyList<(string Folder, string FilePattern)> Sources =
    [
        ("quantangshi", "poet.*.json"),
        ("songci", "ci.song.*.json"),
        ("shijing", "*.json"),
        ("chuci", "*.json"),
        ("caocaoshiji", "*.json"),
        ("nalanxingde", "*.json"),
        ("wudaishici/huajianji", "*.json"),
        ("wudaishici/nantang", "poetrys.json"),
        ("yuanqu", "*.json"),
    ];

    static readonly string[] BodyKeys = ["paragraphs", "para", "content"];
    static readonly string[] TitleKeys = ["title", "rhythmic", "chapter"];

    public override string Description => $"the chinese-poetry corpus ({packageFolder})";

    public override string Identity => identity;

    protected override IReadOnlyList<CorpusDocument> LoadDocuments()
    {
        string dist = Path.Combine(packageFolder, "dist");
        if (!Directory.Exists(dist))
            throw new DirectoryNotFoundException($"the chinese-poetry corpus folder {dist} does not exist");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var poems = new List<CorpusDocument>();
        foreach (var (folder, pattern) in Sources)
        {
            string path = Path.Combine(dist, folder);
            if (!Directory.Exists(path)) continue;
            foreach (string file in Directory.EnumerateFiles(path, pattern).Order(StringComparer.Ordinal))
            {
                using var document = ParseJson(file);
                foreach (string poem in Poems(document.RootElement))
                    if (seen.Add(poem)) poems.Add(new CorpusDocument(file, poem));
            }
        }
        if (poems.Count == 0) throw new InvalidDataException($"{dist} holds no poems in the expected layout");
        return poems;
    }

    static JsonDocument ParseJson(string file)
    {
        byte[] utf8 = StrictUtf8.ReadValidatedBytes(file);
        try
        {
            int start = utf8.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            return JsonDocument.Parse(utf8.AsMemory(start), new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{file} is not valid JSON: {exception.Message}", exception);
        }
    }

    /// <summary>Every object with a body of lines, however deeply the file nests them.</summary>
    public static IEnumerable<string> Poems(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                foreach (string poem in Poems(item)) yield return poem;
            yield break;
        }
        if (element.ValueKind != JsonValueKind.Object) yield break;
        foreach (string key in BodyKeys)
        {
            if (!element.TryGetProperty(key, out var body) || body.ValueKind != JsonValueKind.Array) continue;
            var lines = body.EnumerateArray().Where(line => line.ValueKind == JsonValueKind.String)
                .Select(line => line.GetString()!.Trim()).Where(line => line.Length > 0).ToList();
            if (lines.Count > 0)
            {
                yield return string.Join('\n', new[] { Text(element, TitleKeys), Text(element, ["author"]) }
                    .Where(header => header.Length > 0).Concat(lines));
                yield break;
            }
            foreach (string poem in Poems(body)) yield return poem;
            yield break;
        }
    }

    static string Text(JsonElement element, string[] keys)
    {
        foreach (string key in keys)
            if (element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text)
                return text;
        return "";
    }
}

/// <summary>The <c>chinese-poetry</c> corpus of the catalog.</summary>
public sealed record ChinesePoetryCorpusKind() : NpmCorpusKind(Pinned)
{
    public static readonly NpmCorpusPackage Pinned = new("chinese-poetry", "chinese-poetry", "2.0.1",
        "sha512-KtYARvV7CWNtax0na9+Jn6PlhGgSoid7PWyDzXI4KsCEm2odZcqEQyval5koaLygZnM/EQ3lfJ//25K8p3uHNg==");

    protected override ICorpus Open(string packageFolder, string identity) => new ChinesePoetryCorpus(packageFolder, identity);
}
