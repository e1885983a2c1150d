using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.FileSystemGlobbing;
using DslRunner.Config;
using DslRunner.RunFiles;

namespace DslRunner.Data.Corpora;

/// <summary>
/// Plain UTF-8 text from a file, every file under a folder, or a glob (<c>*</c>, <c>?</c>, <c>**</c>), one
/// document per file in ordinal path order. Invalid UTF-8 is an error naming the file and byte offset.
/// </summary>
public sealed class TextCorpus : DocumentCorpus
{
    readonly string _pattern;
    readonly Lazy<IReadOnlyList<string>> _files;
    readonly Lazy<string> _identity;

    public TextCorpus(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
            throw new ArgumentException("the text corpus needs a path: a file, a folder or a glob", nameof(pattern));
        _pattern = pattern;
        _files = new(() => ResolveFiles(pattern));
        _identity = new(() => HashFiles(_files.Value));
    }

    public override string Description => $"the text corpus {_pattern}";

    public override string Identity => _identity.Value;

    public IReadOnlyList<string> Files => _files.Value;

    protected override IReadOnlyList<CorpusDocument> LoadDocuments() =>
        [.. Files.Select(file => new CorpusDocument(file, StrictUtf8.ReadFile(file)))];

    static IReadOnlyList<string> ResolveFiles(string pattern)
    {
        string full = Path.GetFullPath(pattern);
        if (File.Exists(full)) return [full];
        if (Directory.Exists(full))
        {
            var inFolder = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            return inFolder.Length > 0 ? inFolder : throw new InvalidDataException($"the text corpus folder {full} holds no files");
        }
        if (pattern.IndexOfAny(['*', '?']) < 0)
            throw new FileNotFoundException($"the text corpus file {full} does not exist", full);

        var (root, relative) = SplitAtFirstWildcard(full);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"the text corpus glob {pattern} starts in {root}, which does not exist");
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(relative);
        var matched = matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal).ToArray();
        return matched.Length > 0 ? matched : throw new FileNotFoundException($"no file matches the text corpus glob {pattern}");
    }

    /// <summary>The folder before the first path segment with a wildcard, and the rest of the pattern.</summary>
    static (string Root, string Relative) SplitAtFirstWildcard(string fullPattern)
    {
        string[] segments = fullPattern.Replace('\\', '/').Split('/');
        int first = Array.FindIndex(segments, segment => segment.IndexOfAny(['*', '?']) >= 0);
        string root = string.Join('/', segments[..first]);
        return (root.Length == 0 ? "/" : root, string.Join('/', segments[first..]));
    }

    static string HashFiles(IReadOnlyList<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\0"));
            hash.AppendData(File.ReadAllBytes(file));
            hash.AppendData("\0"u8);
        }
        return "text:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>The <c>text</c> corpus of the catalog: the files <c>data.path</c> names, recorded by their SHA-256.</summary>
public sealed record TextCorpusKind : CorpusKindRecord
{
    public override ICorpus Open(DataConfig data, DataOptions options) =>
        new TextCorpus(data.Path ?? throw new ArgumentException("the text corpus needs a path: a file, a folder or a glob"));

    /// <summary>Every file's SHA-256, paths relative to the working folder.</summary>
    public override CorpusProvenance Provenance(string corpus, DataConfig data, string cacheRoot)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in new TextCorpus(data.Path!).Files)
            files[Path.GetRelativePath(Directory.GetCurrentDirectory(), file).Replace('\\', '/')] = FileHash.Sha256(file);
        return new CorpusProvenance(corpus, null, null, null, files);
    }
}
