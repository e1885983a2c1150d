using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Measures;
using DslRunner.Generator.Model;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslRunner.Generator.Attributes;

/// <summary>
/// The attributed C# front end: reads an [Experiment] partial class's attributes into the same declaration tree
/// the YAML front end produces, each value located at its attribute argument. Binding and validation are shared.
/// </summary>
internal static class AttributeFrontEnd
{
    public static ExperimentDocument Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (ClassDeclarationSyntax)context.TargetNode;
        string path = declaration.SyntaxTree.FilePath;
        var diagnostics = new List<DiagnosticInfo>();
        var classSpan = SpanOf(declaration.Identifier.GetLocation());
        string? problem = ClassProblem(symbol);
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidExperimentClass, classSpan, symbol.Name, problem));
            return new ExperimentDocument(path, null, null, diagnostics.ToEquatableArray());
        }

        var tree = new AttributeTree(classSpan);
        var metrics = new List<CodeMeasure>();
        foreach (var attribute in symbol.GetAttributes())
        {
            cancellation.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is null || attribute.ApplicationSyntaxReference?.GetSyntax(cancellation) is not AttributeSyntax syntax) continue;
            string name = attribute.AttributeClass.ToDisplayString();
            var reader = new ArgumentReader(attribute, syntax);
            var userType = CodeHook.Find(name) is { } hook ? UserType(hook, reader, diagnostics) : null;
            if (userType is not null && CodeHook.Find(name) == CodeHook.Metric
                && MetricName.Of((INamedTypeSymbol)reader.Attribute.ConstructorArguments[0].Value!) is { } metricName)
                metrics.Add(new CodeMeasure(metricName, userType.FullyQualifiedName) { Span = userType.Span });
            tree.Add(name, reader, userType);
        }
        diagnostics.AddRange(MeasureNames.Clashes(metrics));
        string @namespace = symbol.ContainingNamespace.IsGlobalNamespace ? "" : symbol.ContainingNamespace.ToDisplayString();
        return new ExperimentDocument(path, tree.Build(), new DeclaredClass(@namespace, symbol.Name), diagnostics.ToEquatableArray());
    }

    static string? ClassProblem(INamedTypeSymbol symbol)
    {
        if (symbol.ContainingType is not null) return "must not be nested in another type";
        if (symbol.IsGenericType) return "must not be generic";
        if (symbol.IsStatic || symbol.IsAbstract) return "must be an instantiable class (not static or abstract)";
        bool allPartial = symbol.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax())
            .OfType<ClassDeclarationSyntax>()
            .All(c => c.Modifiers.Any(SyntaxKind.PartialKeyword));
        if (!allPartial) return "must be declared partial, so the generator can complete it";
        if (!symbol.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            return "needs a parameterless constructor, which the registry calls";
        return null;
    }

    /// <summary>The type of a [LossTerm], [Decoder] or [Metric], or null (with a diagnostic) when it is not usable there.</summary>
    static TypeReferenceNode? UserType(CodeHook hook, ArgumentReader reader, List<DiagnosticInfo> diagnostics)
    {
        if (reader.Attribute.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol type) return null;
        var span = reader.PositionalSpan(0);
        var written = reader.Attribute.ConstructorArguments.ElementAtOrDefault(1) is { Kind: TypedConstantKind.Array } array
            ? array.Values.Select(v => v.Value as string ?? "").ToList()
            : new List<string>();
        string? problem = UserTypeProblem(hook, type);
        var (arguments, construction, parameterProblem) = problem is null ? ComponentParameters.Bind(ComponentShape.Of(type), written, hook.Name) : ("", "()", null);
        problem ??= parameterProblem;
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(hook.Invalid, parameterProblem is null || written.Count == 0 ? span : reader.PositionalSpan(1), type.ToDisplayString(), problem));
            return null;
        }
        return new TypeReferenceNode(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), span) { Arguments = arguments, Construction = construction };
    }

    static string? UserTypeProblem(CodeHook hook, INamedTypeSymbol type)
    {
        bool derives = hook.BaseIsInterface
            ? type.AllInterfaces.Any(i => i.ToDisplayString() == hook.BaseType)
            : Bases(type).Any(b => b.ToDisplayString() == hook.BaseType);
        if (!derives) return (hook.BaseIsInterface ? "does not implement " : "does not derive from ") + hook.BaseType;
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsGenericType) return "must be a concrete, non-generic class";
        return null;
    }

    static IEnumerable<INamedTypeSymbol> Bases(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType) yield return current;
    }

    internal static SourceSpan SpanOf(Location location) =>
        location.ToSourceSpan();
}
