using System;
using System.Collections.Generic;
using System.Linq;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslRunner.Generator.Attributes;

/// <summary>C# sources read without compiling them: their <c>[Experiment]</c> classes, and the parser's errors.</summary>
internal sealed record SyntaxReadResult(EquatableArray<ExperimentDocument> Documents, IReadOnlyList<Diagnostic> SyntaxErrors);

/// <summary>
/// The attributed C# front end for sources that are not compiled — an experiment at another git revision. It finds
/// <c>[Experiment]</c> classes by attribute name, reads arguments as written constants, and names a
/// <c>typeof(UserType)</c> by the type declared under that name in the same sources; the declaration tree is built by
/// the same <see cref="AttributeTree"/> as in a build.
/// </summary>
internal static class SyntaxFrontEnd
{
    static readonly HashSet<string> KnownAttributes = new(
        new[] { AttributeCatalog.ExperimentAttribute, AttributeCatalog.VariantAttribute, AttributeCatalog.SweepAttribute }
            .Concat(CodeHook.All.Select(h => h.MetadataName))
            .Concat(AttributeCatalog.Bindings.Select(b => b.MetadataName)));

    public static SyntaxReadResult Read(IEnumerable<(string Path, string Text)> sources)
    {
        var trees = sources
            .Select(source => CSharpSyntaxTree.ParseText(source.Text, new CSharpParseOptions(LanguageVersion.Latest), source.Path))
            .ToList();
        var declaredTypes = trees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            .GroupBy(type => type.Identifier.ValueText)
            .ToDictionary(group => group.Key, group => group.Select(FullName).Distinct().ToList());
        var classes = trees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            .GroupBy(type => "global::" + FullName(type))
            .ToDictionary(group => group.Key, group => group.First());
        string Qualify(string written) =>
            declaredTypes.TryGetValue(written.Split('.').Last(), out var names) && names.Count == 1 && names[0].EndsWith(written, StringComparison.Ordinal)
                ? "global::" + names[0]
                : "global::" + written;

        var documents = new List<ExperimentDocument>();
        var errors = new List<Diagnostic>();
        foreach (var tree in trees)
        {
            bool declares = false;
            foreach (var type in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                var attributes = type.AttributeLists.SelectMany(list => list.Attributes).Select(a => (Syntax: a, Name: MetadataName(a))).ToList();
                if (!attributes.Any(a => a.Name == AttributeCatalog.ExperimentAttribute)) continue;
                declares = true;
                documents.Add(ReadClass(type, attributes, Qualify, name => classes.TryGetValue(name, out var found) ? found : null));
            }
            if (declares) errors.AddRange(tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }
        return new SyntaxReadResult(documents.ToEquatableArray(), errors);
    }

    static ExperimentDocument ReadClass(
        ClassDeclarationSyntax type, List<(AttributeSyntax Syntax, string? Name)> attributes, Func<string, string> qualify, Func<string, TypeDeclarationSyntax?> declared)
    {
        string path = type.SyntaxTree.FilePath;
        var classSpan = type.Identifier.GetLocation().ToSourceSpan();
        string? problem = ClassProblem(type);
        if (problem is not null)
            return new ExperimentDocument(path, null, null, new EquatableArray<DiagnosticInfo>([
                DiagnosticInfo.Create(DiagnosticCatalog.InvalidExperimentClass, classSpan, type.Identifier.ValueText, problem)]));

        var tree = new AttributeTree(classSpan);
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var (syntax, name) in attributes)
        {
            if (name is null) continue;
            var reader = new SyntaxArgumentReader(syntax, name == AttributeCatalog.SweepAttribute ? 1 : null, qualify);
            var component = CodeHook.Find(name) is { } hook && reader.Positional(0) is Syntax.TypeReferenceNode written
                ? WithParameters(hook, written, syntax, declared, diagnostics)
                : null;
            tree.Add(name, reader, component);
        }
        string @namespace = string.Join(".", type.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(n => n.Name.ToString()));
        return new ExperimentDocument(path, tree.Build(), new DeclaredClass(@namespace, type.Identifier.ValueText), diagnostics.ToEquatableArray());
    }

    /// <summary>A component's declared parameters, bound as a build binds them, to the members its class declares in these sources.</summary>
    static Syntax.TypeReferenceNode? WithParameters(
        CodeHook hook, Syntax.TypeReferenceNode type, AttributeSyntax syntax, Func<string, TypeDeclarationSyntax?> declared, List<DiagnosticInfo> diagnostics)
    {
        var written = (syntax.ArgumentList?.Arguments ?? default).Where(a => a.NameEquals is null).Skip(1)
            .Select(a => a.Expression is LiteralExpressionSyntax { Token.Value: string text } ? text : a.Expression.ToString()).ToList();
        if (declared(type.FullyQualifiedName) is not { } declaration) return type;
        var (arguments, construction, problem) = ComponentParameters.Bind(ComponentShape.Of(declaration), written, hook.Name);
        if (problem is null) return type with { Arguments = arguments, Construction = construction };
        diagnostics.Add(DiagnosticInfo.Create(hook.Invalid, type.Span, type.FullyQualifiedName.Replace("global::", ""), problem));
        return null;
    }

    /// <summary>The compiler's checks of an experiment class that syntax can make (this part of a partial class).</summary>
    static string? ClassProblem(ClassDeclarationSyntax type)
    {
        if (type.Parent is TypeDeclarationSyntax) return "must not be nested in another type";
        if (type.TypeParameterList is not null) return "must not be generic";
        if (type.Modifiers.Any(SyntaxKind.StaticKeyword) || type.Modifiers.Any(SyntaxKind.AbstractKeyword))
            return "must be an instantiable class (not static or abstract)";
        if (!type.Modifiers.Any(SyntaxKind.PartialKeyword)) return "must be declared partial, so the generator can complete it";
        var constructors = type.Members.OfType<ConstructorDeclarationSyntax>().Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)).ToList();
        bool parameterless = constructors.Count == 0 && type.ParameterList is not { Parameters.Count: > 0 }
            || constructors.Any(c => c.ParameterList.Parameters.Count == 0
                && (c.Modifiers.Any(SyntaxKind.PublicKeyword) || c.Modifiers.Any(SyntaxKind.InternalKeyword)));
        return parameterless ? null : "needs a parameterless constructor, which the registry calls";
    }

    /// <summary>The attribute's full name when it names one of the front end's attributes ([Experiment], [ExperimentAttribute], qualified or not).</summary>
    static string? MetadataName(AttributeSyntax attribute)
    {
        string name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        foreach (string candidate in new[] { name + "Attribute", name })
            if (KnownAttributes.Contains(AttributeCatalog.Namespace + "." + candidate)) return AttributeCatalog.Namespace + "." + candidate;
        return null;
    }

    static string FullName(BaseTypeDeclarationSyntax type)
    {
        var names = type.AncestorsAndSelf().Select(node => node switch
        {
            BaseTypeDeclarationSyntax t => t.Identifier.ValueText,
            BaseNamespaceDeclarationSyntax n => n.Name.ToString(),
            _ => null,
        }).Where(n => n is not null).Reverse();
        return string.Join(".", names);
    }
}
