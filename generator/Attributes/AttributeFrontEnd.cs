using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
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
    const string LossTermBaseType = "DslRunner.Losses.LossTerm";

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

        var root = new TreeBuilder(classSpan);
        foreach (var attribute in symbol.GetAttributes())
        {
            cancellation.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is null || attribute.ApplicationSyntaxReference?.GetSyntax(cancellation) is not AttributeSyntax syntax) continue;
            string name = attribute.AttributeClass.ToDisplayString();
            var reader = new ArgumentReader(attribute, syntax);
            switch (name)
            {
                case AttributeCatalog.ExperimentAttribute:
                    ReadExperiment(reader, root);
                    break;
                case AttributeCatalog.LossTermAttribute:
                    ReadLossTerm(reader, root, diagnostics);
                    break;
                case AttributeCatalog.VariantAttribute:
                    ReadVariant(reader, root);
                    break;
                case AttributeCatalog.SweepAttribute:
                    ReadSweep(reader, root);
                    break;
                default:
                    if (AttributeCatalog.Find(name) is { } binding) ReadRecord(binding, reader, root);
                    break;
            }
        }
        string @namespace = symbol.ContainingNamespace.IsGlobalNamespace ? "" : symbol.ContainingNamespace.ToDisplayString();
        return new ExperimentDocument(path, root.Build(), new DeclaredClass(@namespace, symbol.Name), diagnostics.ToEquatableArray());
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

    static void ReadExperiment(ArgumentReader reader, TreeBuilder root)
    {
        if (reader.Positional(0) is { } name) root.Set(ExperimentSchema.ExperimentKey, reader.NameSpan, name);
        foreach (var (property, value, span) in reader.Named())
            root.Set(property switch
            {
                "Description" => "description",
                "Seed" => "seed",
                "Extends" => ExperimentSchema.ExtendsKey,
                _ => property,
            }, span, value);
    }

    static void ReadRecord(AttributeBinding binding, ArgumentReader reader, TreeBuilder root)
    {
        TreeBuilder settings;
        if (binding.Placement == Placement.ListEntry) settings = new TreeBuilder(reader.NameSpan);
        else
        {
            // Sections merge: [Train] and [Optimizer] both write into "train".
            settings = root.Section(binding.Path, reader.NameSpan);
            settings.Span = reader.NameSpan;
        }
        if (binding.Placement == Placement.ModelKind)
            settings.Set(KindUnionType.DiscriminatorKey, reader.NameSpan, new ScalarNode(binding.Record.Tag, false, reader.NameSpan));
        foreach (var (property, value, span) in reader.Named())
        {
            var field = binding.Record.Fields.FirstOrDefault(f => f.Parameter == property);
            settings.Set(field?.Key ?? property, span, value);
        }
        if (binding.Placement == Placement.ListEntry)
        {
            var parent = root.Section(binding.Path.Take(binding.Path.Length - 1), reader.NameSpan);
            parent.Append(binding.Path[binding.Path.Length - 1], reader.NameSpan, Entry(binding.Record.Tag, reader.NameSpan, settings.Build()));
        }
    }

    static void ReadLossTerm(ArgumentReader reader, TreeBuilder root, List<DiagnosticInfo> diagnostics)
    {
        if (reader.Attribute.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol type) return;
        var span = reader.PositionalSpan(0);
        string? problem = LossTermProblem(type);
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidLossTermType, span, type.ToDisplayString(), problem));
            return;
        }
        var node = new TypeReferenceNode(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), span);
        root.Append("loss", reader.NameSpan, Entry("custom", reader.NameSpan, node));
    }

    static string? LossTermProblem(INamedTypeSymbol type)
    {
        bool derives = false;
        for (var current = type.BaseType; current is not null && !derives; current = current.BaseType)
            derives = current.ToDisplayString() == LossTermBaseType;
        if (!derives) return "does not derive from " + LossTermBaseType;
        if (type.IsAbstract || type.IsGenericType) return "must be a concrete, non-generic class";
        if (!type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            return "needs a public parameterless constructor";
        return null;
    }

    static void ReadVariant(ArgumentReader reader, TreeBuilder root)
    {
        if (reader.Positional(0) is not ScalarNode name) return;
        var variant = root.Section(["variants", name.Text], name.Span);
        if (reader.Positional(1) is ScalarNode path && reader.Positional(2) is { } value)
            variant.Set(path.Text, path.Span, value);
    }

    static void ReadSweep(ArgumentReader reader, TreeBuilder root)
    {
        if (reader.Positional(0) is not ScalarNode path || reader.Positional(1) is not { } values) return;
        root.Section(["sweep"], reader.NameSpan).Set(path.Text, path.Span, values);
    }

    static MappingNode Entry(string tag, SourceSpan span, DeclarationNode body) =>
        new(new EquatableArray<MappingEntry>([new MappingEntry(tag, span, body)]), span);

    internal static SourceSpan SpanOf(Location location) =>
        location.ToSourceSpan();
}
