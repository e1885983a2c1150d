using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Model;
using DslRunner.Generator.Resolution;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Studies;
using DslRunner.Generator.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslRunner.Generator.Attributes;

/// <summary>
/// The attributed C# front end for studies: reads a [Study] static partial class's attributes into the tree a
/// <c>*.study.yaml</c> file gives, each value located at its attribute argument, so <see cref="StudyBuilder"/> checks
/// both the same way.
/// </summary>
internal static class StudyAttributeFrontEnd
{
    public const string StudyAttribute = AttributeCatalog.Namespace + ".StudyAttribute";
    const string Prefix = AttributeCatalog.Namespace + ".";

    public static StudyDocument Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (ClassDeclarationSyntax)context.TargetNode;
        string path = declaration.SyntaxTree.FilePath;
        var classSpan = AttributeFrontEnd.SpanOf(declaration.Identifier.GetLocation());
        if (ClassProblem(symbol) is { } problem)
            return new StudyDocument(path, null, new EquatableArray<DiagnosticInfo>([
                DiagnosticInfo.Create(DiagnosticCatalog.InvalidStudyClass, classSpan, symbol.Name, problem)]));

        var diagnostics = new List<DiagnosticInfo>();
        var root = new TreeBuilder(classSpan);
        var arms = new List<MappingEntry>();
        var controls = new List<MappingEntry>();
        var claims = new List<MappingEntry>();
        var budgets = new List<MappingEntry>();
        var plots = new List<MappingEntry>();
        foreach (var attribute in symbol.GetAttributes())
        {
            cancellation.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is null || attribute.ApplicationSyntaxReference?.GetSyntax(cancellation) is not AttributeSyntax syntax) continue;
            var reader = new ArgumentReader(attribute, syntax);
            switch (attribute.AttributeClass.ToDisplayString())
            {
                case StudyAttribute:
                    if (reader.Positional(0) is { } name) root.Set(StudyBuilder.StudyKey, reader.NameSpan, name);
                    foreach (var (property, value, span) in reader.Named())
                        root.Set(KeyOf(StudySchema.Study, property), span, value);
                    break;
                case Prefix + "ArmAttribute":
                    arms.Add(Labelled(reader, StudySchema.Arm, ("experiment", 1), diagnostics));
                    break;
                case Prefix + "DecodingArmAttribute":
                    arms.Add(Labelled(reader, StudySchema.Arm, (StudyBuilder.DecodesKey, 1), diagnostics));
                    break;
                case Prefix + "PlotAttribute":
                    plots.Add(Labelled(reader, StudySchema.Plot, ("x", 1), diagnostics, ("y", 2)));
                    break;
                case Prefix + "MeasuresAttribute":
                    if (reader.Positional(0) is { } names) root.Set("measures", reader.NameSpan, names);
                    break;
                case Prefix + "ControlAttribute":
                    controls.Add(Labelled(reader, StudySchema.Control, ("text", 1), diagnostics, ("check", 2)));
                    break;
                case Prefix + "ClaimAttribute":
                    claims.Add(Labelled(reader, StudySchema.Claim, ("text", 1), diagnostics, ("check", 2)));
                    break;
                case Prefix + "BudgetAttribute":
                    budgets.Add(Labelled(reader, StudySchema.Budget, null, diagnostics));
                    break;
            }
        }
        foreach (var (key, entries) in new[] { ("arms", arms), ("controls", controls), ("claims", claims), ("budgets", budgets), ("plots", plots) })
            if (entries.Count > 0) root.Set(key, entries[0].KeySpan, new MappingNode(entries.ToEquatableArray(), entries[0].KeySpan));

        string @namespace = symbol.ContainingNamespace.IsGlobalNamespace ? "" : symbol.ContainingNamespace.ToDisplayString();
        return new StudyDocument(path, root.Build(), diagnostics.ToEquatableArray(), new DeclaredClass(@namespace, symbol.Name));
    }

    /// <summary>
    /// One labelled entry (an arm, control, claim or budget): the first positional argument is its label, the others
    /// and the named arguments its keys; <c>Set</c> turns <c>path=value</c> texts into the mapping YAML writes.
    /// </summary>
    static MappingEntry Labelled(ArgumentReader reader, SectionType section, (string Key, int Index)? second, List<DiagnosticInfo> diagnostics, (string Key, int Index)? third = null)
    {
        var body = new TreeBuilder(reader.NameSpan);
        foreach (var (key, index) in new[] { second, third }.Where(p => p is not null).Select(p => p!.Value))
            if (reader.Positional(index) is { } value) body.Set(key, reader.PositionalSpan(index), value);
        foreach (var (property, value, span) in reader.Named())
        {
            if (property == "Set") body.Set("set", span, Overrides(value, span, diagnostics));
            else if (property == "Arms" && section == StudySchema.Budget) body.Set("arms", span, ArmOverrides(value, span, diagnostics));
            else if (!(property == "Value" && value is ScalarNode { Text.Length: 0 })) body.Set(KeyOf(section, property), span, value);
        }
        string label = reader.Positional(0) is ScalarNode { } name ? name.Text : "";
        return new MappingEntry(label, reader.PositionalSpan(0), body.Build());
    }

    /// <summary>
    /// The key of <paramref name="section"/> that an attribute property spells in PascalCase (<c>DataSeeds</c> →
    /// <c>data_seeds</c>); a property no key spells is passed on lower-cased, for the builder to report as unknown.
    /// </summary>
    internal static string KeyOf(SectionType section, string property) =>
        section.Keys.FirstOrDefault(k => ClassNames.FromName(k.Key) == property)?.Key ?? property.ToLowerInvariant();

    /// <summary>
    /// A budget's <c>Arms</c>: <c>arm: dotted.path=value</c> texts, grouped by arm into the <c>{ arm: { set: … } }</c>
    /// mapping YAML writes.
    /// </summary>
    static MappingNode ArmOverrides(DeclarationNode value, SourceSpan span, List<DiagnosticInfo> diagnostics)
    {
        var byArm = new List<(string Arm, SourceSpan Span, List<DeclarationNode> Items)>();
        foreach (var item in value is SequenceNode sequence ? sequence.Items : new EquatableArray<DeclarationNode>([value]))
        {
            string text = item is ScalarNode scalar ? scalar.Text : "";
            int colon = text.IndexOf(':');
            if (colon <= 0 || text.IndexOf('=') < colon)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, item.Span, "Arms", "overrides of one arm written as arm: dotted.path=value", "'" + text + "'"));
                continue;
            }
            string arm = text.Substring(0, colon).Trim();
            var rest = new ScalarNode(text.Substring(colon + 1).Trim(), false, item.Span);
            int at = byArm.FindIndex(a => a.Arm == arm);
            if (at < 0) byArm.Add((arm, item.Span, [rest]));
            else byArm[at].Items.Add(rest);
        }
        return new MappingNode(byArm.Select(a => new MappingEntry(a.Arm, a.Span, new MappingNode(
            new EquatableArray<MappingEntry>([new MappingEntry("set", a.Span, Overrides(new SequenceNode(a.Items.ToEquatableArray(), a.Span), a.Span, diagnostics))]), a.Span)))
            .ToEquatableArray(), span);
    }

    static MappingNode Overrides(DeclarationNode value, SourceSpan span, List<DiagnosticInfo> diagnostics)
    {
        var entries = new List<MappingEntry>();
        foreach (var item in value is SequenceNode sequence ? sequence.Items : new EquatableArray<DeclarationNode>([value]))
        {
            string text = item is ScalarNode scalar ? scalar.Text : "";
            int equals = text.IndexOf('=');
            if (equals <= 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, item.Span, "Set", "overrides written as dotted.path=value", "'" + text + "'"));
                continue;
            }
            entries.Add(new MappingEntry(text.Substring(0, equals).Trim(), item.Span, OverrideValue(text.Substring(equals + 1).Trim(), item.Span)));
        }
        return new MappingNode(entries.ToEquatableArray(), span);
    }

    /// <summary>
    /// An override's value: a list or mapping (<c>decode=[{ greedy: {} }]</c>) is read as YAML, as <c>--set</c> reads it, and
    /// located at the argument; anything else stays the text written.
    /// </summary>
    static DeclarationNode OverrideValue(string text, SourceSpan span)
    {
        if (!text.StartsWith("[") && !text.StartsWith("{")) return new ScalarNode(text, false, span);
        var (node, problems) = Yaml.YamlDeclarationReader.Read(span.Path, text);
        return node is null || problems.Count > 0 ? new ScalarNode(text, false, span) : At(node, span);
    }

    static DeclarationNode At(DeclarationNode node, SourceSpan span) => node switch
    {
        SequenceNode list => new SequenceNode(list.Items.Select(item => At(item, span)).ToEquatableArray(), span),
        MappingNode mapping => new MappingNode(mapping.Entries.Select(e => new MappingEntry(e.Key, span, At(e.Value, span))).ToEquatableArray(), span),
        ScalarNode scalar => scalar with { Span = span },
        _ => node,
    };

    static string? ClassProblem(INamedTypeSymbol symbol)
    {
        if (symbol.ContainingType is not null) return "must not be nested in another type";
        if (symbol.IsGenericType) return "must not be generic";
        bool staticPartial = symbol.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax())
            .OfType<ClassDeclarationSyntax>()
            .All(c => c.Modifiers.Any(SyntaxKind.PartialKeyword));
        if (!symbol.IsStatic || !staticPartial) return "must be declared static partial, so the generator can add its Definition";
        return null;
    }
}
