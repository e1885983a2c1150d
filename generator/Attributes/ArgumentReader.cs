using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslRunner.Generator.Attributes;

/// <summary>An attribute's arguments as declaration nodes, each located at its expression in the source.</summary>
internal sealed class ArgumentReader(AttributeData attribute, AttributeSyntax syntax) : IAttributeArguments
{
    public AttributeData Attribute { get; } = attribute;
    public SourceSpan NameSpan { get; } = AttributeFrontEnd.SpanOf(syntax.Name.GetLocation());

    IEnumerable<AttributeArgumentSyntax> Arguments => syntax.ArgumentList?.Arguments ?? default(SeparatedSyntaxList<AttributeArgumentSyntax>);

    public SourceSpan PositionalSpan(int index)
    {
        var argument = Arguments.Where(a => a.NameEquals is null).ElementAtOrDefault(index);
        return argument is null ? NameSpan : AttributeFrontEnd.SpanOf(argument.Expression.GetLocation());
    }

    public DeclarationNode? Positional(int index)
    {
        var arguments = Attribute.ConstructorArguments;
        if (index >= arguments.Length) return null;
        // A params array gathers the remaining arguments: span them all.
        var span = arguments[index].Kind == TypedConstantKind.Array && index == arguments.Length - 1
            ? Cover(Enumerable.Range(index, System.Math.Max(1, Arguments.Count(a => a.NameEquals is null) - index)).Select(PositionalSpan))
            : PositionalSpan(index);
        return Constant(arguments[index], span);
    }

    public IEnumerable<(string Property, DeclarationNode Value, SourceSpan Span)> Named()
    {
        foreach (var pair in Attribute.NamedArguments)
        {
            var argument = Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == pair.Key);
            var span = argument is null ? NameSpan : AttributeFrontEnd.SpanOf(argument.Expression.GetLocation());
            yield return (pair.Key, Constant(pair.Value, span), span);
        }
    }

    static SourceSpan Cover(IEnumerable<SourceSpan> spans)
    {
        var list = spans.ToList();
        SourceSpan first = list[0], last = list[list.Count - 1];
        return first with { Length = last.Start + last.Length - first.Start, EndLine = last.EndLine, EndColumn = last.EndColumn };
    }

    static DeclarationNode Constant(TypedConstant constant, SourceSpan span)
    {
        if (constant.IsNull) return new ScalarNode("~", false, span);
        switch (constant.Kind)
        {
            case TypedConstantKind.Array:
                return new SequenceNode(constant.Values.Select(v => Constant(v, span)).ToEquatableArray(), span);
            case TypedConstantKind.Type:
                return new TypeReferenceNode(((ITypeSymbol)constant.Value!).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), span);
            case TypedConstantKind.Enum:
                return new ScalarNode(ChoiceName(constant), false, span);
        }
        return Scalar(constant.Value, span);
    }

    /// <summary>A constant as the DSL reads it: strings quoted, numbers and flags invariant and plain.</summary>
    internal static ScalarNode Scalar(object? value, SourceSpan span) => value switch
    {
        string text => new ScalarNode(text, true, span),
        double number => new ScalarNode(number.ToString("R", CultureInfo.InvariantCulture), false, span),
        float number => new ScalarNode(((double)number).ToString("R", CultureInfo.InvariantCulture), false, span),
        bool flag => new ScalarNode(flag ? "true" : "false", false, span),
        System.IFormattable number => new ScalarNode(number.ToString(null, CultureInfo.InvariantCulture), false, span),
        var other => new ScalarNode(other?.ToString() ?? "~", false, span),
    };

    /// <summary>A runtime enum member as the DSL spells it (OutputHead.Tied → "tied").</summary>
    static string ChoiceName(TypedConstant constant)
    {
        var type = (INamedTypeSymbol)constant.Type!;
        string member = type.GetMembers().OfType<IFieldSymbol>()
            .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, constant.Value))?.Name
            ?? System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? "";
        return ChoiceName(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), member);
    }

    /// <summary>
    /// The DSL spelling of an enum member; <paramref name="enumType"/> is the type fully qualified with
    /// <c>global::</c>, or as written in source (<c>CorpusKind</c>, <c>Config.CorpusKind</c>).
    /// </summary>
    internal static string ChoiceName(string enumType, string member)
    {
        var choices = ExperimentSchema.Choices.FirstOrDefault(c => c.CSharpType is { } type && (type == enumType || type.EndsWith("." + enumType)));
        return choices?.Choices.FirstOrDefault(c => c.Member == member)?.Name ?? member;
    }
}
