using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslRunner.Generator.Attributes;

/// <summary>
/// An attribute's arguments read from syntax alone, for sources that are not compiled (an experiment at another git
/// revision). Arguments must be constants written in place: literals, enum members, <c>typeof</c>, arrays of these.
/// Anything else is passed on as written, so the binder reports it against the key that expected a value.
/// </summary>
/// <param name="paramsFrom">The index of a <c>params</c> parameter: positional arguments from there on form one list.</param>
/// <param name="qualify">Turns a type name as written in <c>typeof</c> into its <c>global::</c> name.</param>
internal sealed class SyntaxArgumentReader(AttributeSyntax syntax, int? paramsFrom, Func<string, string> qualify) : IAttributeArguments
{
    readonly List<AttributeArgumentSyntax> positional =
        (syntax.ArgumentList?.Arguments ?? default(SeparatedSyntaxList<AttributeArgumentSyntax>)).Where(a => a.NameEquals is null).ToList();

    public SourceSpan NameSpan { get; } = syntax.Name.GetLocation().ToSourceSpan();

    public SourceSpan PositionalSpan(int index) =>
        index < positional.Count ? positional[index].Expression.GetLocation().ToSourceSpan() : NameSpan;

    public DeclarationNode? Positional(int index)
    {
        if (index >= positional.Count) return null;
        if (paramsFrom is not { } first || index != first) return Constant(positional[index].Expression, PositionalSpan(index));
        var rest = positional.Skip(first).Select(a => a.Expression).ToList();
        if (rest.Count == 1 && Items(rest[0]) is { } items) return Sequence(items, PositionalSpan(index));
        var last = PositionalSpan(positional.Count - 1);
        var span = PositionalSpan(index);
        span = span with { Length = last.Start + last.Length - span.Start, EndLine = last.EndLine, EndColumn = last.EndColumn };
        return Sequence(rest, span);
    }

    public IEnumerable<(string Property, DeclarationNode Value, SourceSpan Span)> Named()
    {
        foreach (var argument in syntax.ArgumentList?.Arguments ?? default(SeparatedSyntaxList<AttributeArgumentSyntax>))
        {
            if (argument.NameEquals is null) continue;
            var span = argument.Expression.GetLocation().ToSourceSpan();
            yield return (argument.NameEquals.Name.Identifier.ValueText, Constant(argument.Expression, span), span);
        }
    }

    /// <summary>Each array item takes the array's span, as the compiler's view gives it.</summary>
    SequenceNode Sequence(IEnumerable<ExpressionSyntax> items, SourceSpan span) =>
        new(items.Select(item => Constant(item, span)).ToEquatableArray(), span);

    static IReadOnlyList<ExpressionSyntax>? Items(ExpressionSyntax expression) => expression switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        ImplicitArrayCreationExpressionSyntax creation => creation.Initializer.Expressions,
        CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
        _ => null,
    };

    DeclarationNode Constant(ExpressionSyntax expression, SourceSpan span)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Constant(parenthesized.Expression, span);
            case CastExpressionSyntax cast:
                return Constant(cast.Expression, span);
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NullLiteralExpression):
                return new ScalarNode("~", false, span);
            case LiteralExpressionSyntax literal:
                return ArgumentReader.Scalar(literal.Token.Value, span);
            case PrefixUnaryExpressionSyntax { OperatorToken.RawKind: (int)SyntaxKind.MinusToken, Operand: LiteralExpressionSyntax number }
                when Negate(number.Token.Value) is { } negated:
                return ArgumentReader.Scalar(negated, span);
            case TypeOfExpressionSyntax typeOf:
                return new TypeReferenceNode(qualify(Unglobal(typeOf.Type.ToString())), span);
            case MemberAccessExpressionSyntax member when member.Expression is NameSyntax type:
                return new ScalarNode(ArgumentReader.ChoiceName(Unglobal(type.ToString()), member.Name.Identifier.ValueText), false, span);
            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } nameOf
                when nameOf.ArgumentList.Arguments.Count == 1:
                return new ScalarNode(LastName(nameOf.ArgumentList.Arguments[0].Expression), true, span);
            case InterpolatedStringExpressionSyntax interpolated when interpolated.Contents.All(c => c is InterpolatedStringTextSyntax):
                return new ScalarNode(string.Concat(interpolated.Contents.Select(c => ((InterpolatedStringTextSyntax)c).TextToken.ValueText)), true, span);
        }
        return Items(expression) is { } items ? Sequence(items, span) : new ScalarNode(expression.ToString(), false, span);
    }

    static object? Negate(object? value) => value switch
    {
        int v => -v,
        long v => -v,
        uint v => -(long)v,
        ulong v when v <= long.MaxValue => -(long)v,
        double v => -v,
        float v => -v,
        decimal v => -v,
        _ => null,
    };

    static string LastName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => expression.ToString(),
    };

    static string Unglobal(string name) => name.StartsWith("global::", StringComparison.Ordinal) ? name.Substring("global::".Length) : name;
}
