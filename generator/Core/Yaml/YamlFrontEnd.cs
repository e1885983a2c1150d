using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Model;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Yaml;

/// <summary>The YAML front end: one <c>*.experiment.yaml</c> file to one <see cref="ExperimentDocument"/>.</summary>
public static class YamlFrontEnd
{
    public const string FileSuffix = ".experiment.yaml";

    /// <summary>Far above any real experiment; a larger file is refused before parsing, so it costs no parser time.</summary>
    public const int MaxCharacters = 1_000_000;

    public static bool IsExperimentFile(string path) => path.EndsWith(FileSuffix, System.StringComparison.OrdinalIgnoreCase);

    public static ExperimentDocument Read(string path, string? text)
    {
        if (text is null)
            return new ExperimentDocument(path, null, null, new EquatableArray<DiagnosticInfo>([
                DiagnosticInfo.Create(DiagnosticCatalog.InvalidYaml, SourceSpan.FileStart(path), "the file could not be read")]));
        if (text.Length > MaxCharacters)
            return new ExperimentDocument(path, null, null, new EquatableArray<DiagnosticInfo>([
                DiagnosticInfo.Create(DiagnosticCatalog.InvalidYaml, SourceSpan.FileStart(path), string.Format(
                    System.Globalization.CultureInfo.InvariantCulture,
                    "the file holds {0:N0} characters, more than the limit of {1:N0} for an experiment file", text.Length, MaxCharacters))]));
        var (root, diagnostics) = YamlDeclarationReader.Read(path, text);
        if (root is MappingNode mapping || diagnostics.Count > 0)
            return new ExperimentDocument(path, root as MappingNode, null, diagnostics);
        string found = root is null ? "an empty document" : Binding.ConfigBinder.Describe(root);
        return new ExperimentDocument(path, null, null, new EquatableArray<DiagnosticInfo>([
            DiagnosticInfo.Create(DiagnosticCatalog.NotAMapping, root?.Span ?? SourceSpan.FileStart(path), "An experiment file", found)]));
    }
}
