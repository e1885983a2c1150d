using System.Collections.Generic;
using System.Linq;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Model;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Resolution;

/// <summary>
/// The step that sees every declaration at once: merges <c>extends</c> chains, drops abstract bases, picks class
/// names, and reports what no single file can show (missing or cyclic extends, duplicate names, clashing classes).
/// </summary>
public static class DocumentResolver
{
    /// <summary>The class the registry is emitted as; no experiment may take its name.</summary>
    public const string RegistryClassName = "ExperimentRegistry";

    public static EquatableArray<ExperimentDeclaration> Resolve(IEnumerable<ExperimentDocument> documents, string rootNamespace)
    {
        var ordered = documents.OrderBy(d => d.Path, System.StringComparer.Ordinal).ThenBy(d => d.Class?.Name, System.StringComparer.Ordinal).ToList();
        var byPath = new Dictionary<string, ExperimentDocument>();
        foreach (var document in ordered.Where(d => d.Class is null))
            byPath[PathText.Normalize(document.Path)] = document;

        var pending = new List<Pending>();
        foreach (var document in ordered)
        {
            var diagnostics = new List<DiagnosticInfo>(document.Diagnostics);
            if (document.Root is null || IsAbstract(document.Root))
            {
                if (diagnostics.Count > 0)
                    pending.Add(new Pending(document, null, null, null, null, diagnostics));
                continue;
            }
            var merged = ResolveExtends(document, byPath, [PathText.Normalize(document.Path)], diagnostics);
            var nameNode = merged.Find(ExperimentSchema.ExperimentKey)?.Value as ScalarNode;
            string? name = nameNode is { IsNull: false } ? nameNode.Text : null;
            string? className = document.Class?.Name;
            if (name is not null && nameNode is not null)
            {
                string? problem = NameRules.Problem(name);
                if (problem is not null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidName, nameNode.Span, name, problem));
                className ??= ClassNames.FromName(name);
            }
            pending.Add(new Pending(document, merged, name, nameNode?.Span, className, diagnostics));
        }

        ReportDuplicateNames(pending);
        ReportClassClashes(pending, rootNamespace);

        return pending.Select(p => new ExperimentDeclaration(
                p.Document.Path,
                p.Root,
                p.Document.Class?.Namespace ?? rootNamespace,
                p.ClassName ?? "",
                GeneratedClassIsSealed: p.Document.Class is null,
                p.Diagnostics.ToEquatableArray()))
            .ToEquatableArray();
    }

    static bool IsAbstract(MappingNode root) =>
        root.Find(ExperimentSchema.AbstractKey)?.Value is ScalarNode { Quoted: false, Text: "true" or "True" or "TRUE" };

    static MappingNode ResolveExtends(
        ExperimentDocument document, Dictionary<string, ExperimentDocument> byPath, List<string> chain, List<DiagnosticInfo> diagnostics)
    {
        var root = document.Root!;
        var stripped = TreeMerge.Without(root, ExperimentSchema.ExtendsKey, ExperimentSchema.AbstractKey);
        var entry = root.Find(ExperimentSchema.ExtendsKey);
        if (entry is null || entry.Value is ScalarNode { IsNull: true }) return stripped;
        // Only the file being resolved reports, at its own extends: a broken link deeper in the chain is
        // reported by the file that holds it, and a cycle is reported by each file on it.
        bool report = chain.Count == 1;
        if (entry.Value is not ScalarNode target)
        {
            if (report)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, ExperimentSchema.ExtendsKey,
                    "a relative path to another experiment file", Binding.ConfigBinder.Describe(entry.Value)));
            return stripped;
        }
        string targetPath = PathText.Normalize(PathText.Combine(PathText.Directory(document.Path), target.Text));
        if (chain.Contains(targetPath))
        {
            if (targetPath == chain[0])
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.ExtendsCycle, ExtendsSpanOf(byPath, chain[0]) ?? target.Span,
                    string.Join(" → ", chain.Concat([targetPath]).Select(PathText.FileName))));
            return stripped;
        }
        if (!byPath.TryGetValue(targetPath, out var baseDocument) || baseDocument.Root is null)
        {
            if (report)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.ExtendsMissing, target.Span, target.Text, targetPath));
            return stripped;
        }
        chain.Add(targetPath);
        return TreeMerge.Merge(ResolveExtends(baseDocument, byPath, chain, diagnostics), stripped);
    }

    static SourceSpan? ExtendsSpanOf(Dictionary<string, ExperimentDocument> byPath, string path) =>
        byPath.TryGetValue(path, out var document) ? document.Root?.Find(ExperimentSchema.ExtendsKey)?.Value.Span : null;

    static void ReportDuplicateNames(List<Pending> pending)
    {
        foreach (var group in pending.Where(p => p.Name is not null).GroupBy(p => p.Name, System.StringComparer.Ordinal))
        {
            var members = group.ToList();
            if (members.Count < 2) continue;
            foreach (var member in members)
            {
                string others = string.Join(", ", members.Where(m => m != member).Select(m => PathText.FileName(m.Document.Path)));
                member.Diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DuplicateExperimentName, member.NameSpan!, member.Name!, others));
            }
        }
    }

    /// <summary>
    /// Class names are compared ignoring case: they name the generated files, and two files whose names differ
    /// only in case are one file on Windows and macOS (the compiler rejects them too).
    /// </summary>
    static void ReportClassClashes(List<Pending> pending, string rootNamespace)
    {
        foreach (var member in pending.Where(p => p.Name is not null))
        {
            if (member.ClassName is null)
                member.Diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidName, member.NameSpan!, member.Name!,
                    "it needs at least one letter or digit to name a C# class"));
            else if (string.Equals(member.ClassName, RegistryClassName, System.StringComparison.OrdinalIgnoreCase)
                && NamespaceOf(member, rootNamespace) == rootNamespace)
                member.Diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DuplicateClassName, member.NameSpan!, member.Name!,
                    member.ClassName, "is the name of the generated registry"));
        }
        var named = pending.Where(p => p.Name is not null && p.ClassName is not null);
        foreach (var group in named.GroupBy(p => (NamespaceOf(p, rootNamespace) + "." + p.ClassName).ToUpperInvariant()))
        {
            // Same-name experiments are already reported as duplicates; a clash needs two distinct names.
            var members = group.ToList();
            if (members.Select(m => m.Name).Distinct().Count() < 2) continue;
            foreach (var member in members)
            {
                var others = members.Where(m => m.Name != member.Name).ToList();
                string relation = others.All(o => o.ClassName == member.ClassName) ? "is also the class of " : "differs only in case from the class of ";
                member.Diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DuplicateClassName, member.NameSpan!, member.Name!,
                    member.ClassName!, relation + string.Join(", ", others.Select(m => $"'{m.Name}'"))));
            }
        }
    }

    static string NamespaceOf(Pending pending, string rootNamespace) => pending.Document.Class?.Namespace ?? rootNamespace;

    sealed record Pending(
        ExperimentDocument Document, MappingNode? Root, string? Name, SourceSpan? NameSpan, string? ClassName, List<DiagnosticInfo> Diagnostics);
}
