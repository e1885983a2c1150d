using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslRunner.Generator.Attributes;

/// <summary>
/// The name a C# metric (a class deriving <c>DslRunner.Training.EvalMetric</c>) records its figure under, when its
/// <c>Name</c> is written as a string literal (<c>Name =&gt; "x"</c>, <c>get =&gt; "x"</c>, <c>get { return "x"; }</c>); null
/// when it is computed, and then only the run-start check sees it.
/// </summary>
internal static class MetricName
{
    public static string? Of(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var property = current.GetMembers("Name").OfType<IPropertySymbol>().FirstOrDefault(p => !p.IsStatic && !p.IsAbstract);
            if (property is null) continue;
            var syntax = property.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<PropertyDeclarationSyntax>().FirstOrDefault();
            return syntax is null ? null : Literal(Returned(syntax));
        }
        return null;
    }

    static ExpressionSyntax? Returned(PropertyDeclarationSyntax property)
    {
        if (property.ExpressionBody is { } arrow) return arrow.Expression;
        var getter = property.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration));
        if (getter?.ExpressionBody is { } getterArrow) return getterArrow.Expression;
        return getter?.Body?.Statements is { Count: 1 } statements && statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null;
    }

    static string? Literal(ExpressionSyntax? expression) =>
        expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
}
