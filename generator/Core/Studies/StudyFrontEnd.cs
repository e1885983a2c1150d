using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;
using DslRunner.Generator.Yaml;

namespace DslRunner.Generator.Studies;

/// <summary>Reads one <c>*.study.yaml</c> file into a <see cref="StudyDocument"/>.</summary>
public static class StudyFrontEnd
{
    public const string FileSuffix = ".study.yaml";

    public static bool IsStudyFile(string path) => path.EndsWith(FileSuffix, System.StringComparison.OrdinalIgnoreCase);

    public static StudyDocument Read(string path, string? text)
    {
        if (text is null || text.Length > YamlFrontEnd.MaxCharacters)
            return new StudyDocument(path, null, new EquatableArray<DiagnosticInfo>([
                DiagnosticInfo.Create(DiagnosticCatalog.InvalidYaml, SourceSpan.FileStart(path),
                    text is null ? "the file could not be read" : "the file is larger than a study file may be")]));
        var (root, diagnostics) = YamlDeclarationReader.Read(path, text);
        if (root is MappingNode mapping || diagnostics.Count > 0) return new StudyDocument(path, root as MappingNode, diagnostics);
        string found = root is null ? "an empty document" : Binding.ConfigBinder.Describe(root);
        return new StudyDocument(path, null, new EquatableArray<DiagnosticInfo>([
            DiagnosticInfo.Create(DiagnosticCatalog.NotAMapping, root?.Span ?? SourceSpan.FileStart(path), "A study file", found)]));
    }

    /// <summary>Every study declared under a name another file already took, reported at the later file's name.</summary>
    public static System.Collections.Generic.IEnumerable<DiagnosticInfo> DuplicateNames(System.Collections.Generic.IEnumerable<StudyDocument> documents)
    {
        var seen = new System.Collections.Generic.Dictionary<string, string>();
        foreach (var document in System.Linq.Enumerable.OrderBy(documents, d => d.Path, System.StringComparer.Ordinal))
        {
            if (document.Root?.Find(Studies.StudyBuilder.StudyKey)?.Value is not ScalarNode name) continue;
            if (seen.TryGetValue(name.Text, out string? first))
                yield return DiagnosticInfo.Create(DiagnosticCatalog.DuplicateStudyName, name.Span, name.Text, first);
            else seen[name.Text] = document.Path;
        }
    }
}
