using System.Linq;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Model;

/// <summary>
/// A resolved, typed value of an experiment's configuration, ready to be written as a C# expression.
/// <see cref="Span"/> is where it was declared; null for a default the schema filled in.
/// </summary>
public abstract record ConfigValue(SourceSpan? Span);

public sealed record IntegerValue(long Value, SourceSpan? Span) : ConfigValue(Span);

public sealed record NumberValue(double Value, SourceSpan? Span) : ConfigValue(Span);

public sealed record StringValue(string Value, SourceSpan? Span) : ConfigValue(Span);

public sealed record BooleanValue(bool Value, SourceSpan? Span) : ConfigValue(Span);

public sealed record NullValue(SourceSpan? Span) : ConfigValue(Span);

/// <param name="CSharpType">The enum type, fully qualified with <c>global::</c>.</param>
/// <param name="Member">The C# member name; <paramref name="Choice"/> is the DSL spelling.</param>
public sealed record EnumValue(string CSharpType, string Member, string Choice, SourceSpan? Span) : ConfigValue(Span);

/// <param name="ElementType">The list's element type, fully qualified with <c>global::</c>.</param>
public sealed record ListValue(string ElementType, EquatableArray<ConfigValue> Items, SourceSpan? Span) : ConfigValue(Span);

/// <summary>A C# type the attributed front end named, instantiated by the generated code (a user loss term, decoder or metric).</summary>
public sealed record TypeValue(string FullyQualifiedName, SourceSpan? Span) : ConfigValue(Span)
{
    public static TypeValue Of(Syntax.TypeReferenceNode reference) =>
        new(reference.FullyQualifiedName, reference.Span) { Arguments = reference.Arguments, Construction = reference.Construction };

    /// <summary>The declared parameters as written (<c>beta=0.1</c>); empty when none.</summary>
    public string Arguments { get; init; } = "";

    /// <summary>What follows <c>new T</c> in generated code, with the parameters bound: <c>()</c>, <c>(beta: 0.1)</c>.</summary>
    public string Construction { get; init; } = "()";

    /// <summary>The expression that constructs the component.</summary>
    public string NewExpression => "new " + FullyQualifiedName + Construction;

    /// <summary>"global::Lab.EntropyBonus" → "Lab.EntropyBonus", as manifests and reports name it.</summary>
    public string DisplayName => FullyQualifiedName.StartsWith("global::", System.StringComparison.Ordinal)
        ? FullyQualifiedName.Substring("global::".Length)
        : FullyQualifiedName;
}

/// <summary>A runtime config record: <c>new CSharpType(Parameter: value, …)</c>.</summary>
/// <param name="Tag">The DSL name of the record's kind (e.g. "transformer", "capacity"); the section key otherwise.</param>
public sealed record RecordValue(string CSharpType, string Tag, EquatableArray<ConfigArgument> Arguments, SourceSpan? Span)
    : ConfigValue(Span)
{
    public ConfigArgument? Find(string key)
    {
        foreach (var argument in Arguments)
            if (argument.Key == key) return argument;
        return null;
    }

    public ConfigValue? ValueOf(string key) => Find(key)?.Value;

    public long? IntegerOf(string key) => ValueOf(key) is IntegerValue integer ? integer.Value : null;

    public double? NumberOf(string key) => ValueOf(key) switch
    {
        NumberValue number => number.Value,
        IntegerValue integer => integer.Value,
        _ => null,
    };

    /// <summary>Where the key's value was written, else where the record was.</summary>
    public SourceSpan? SpanOf(string key) => ValueOf(key)?.Span ?? Span;
}

/// <param name="Key">The DSL key (snake_case).</param>
/// <param name="Parameter">The C# constructor parameter it binds to.</param>
public sealed record ConfigArgument(string Key, string Parameter, ConfigValue Value);

public static class ConfigValueExtensions
{
    /// <summary>
    /// The same value with every source span dropped. Specs handed to the emitter hold no spans, so moving a
    /// declaration around a file (without changing it) leaves the generated code cached.
    /// </summary>
    public static T WithoutSpans<T>(this T value) where T : ConfigValue => (T)(value switch
    {
        ListValue list => list with { Items = list.Items.Select(item => item.WithoutSpans()).ToEquatableArray(), Span = null },
        RecordValue record => record with
        {
            Arguments = record.Arguments.Select(a => a with { Value = a.Value.WithoutSpans() }).ToEquatableArray(),
            Span = null,
        },
        _ => (ConfigValue)(value with { Span = null }),
    });
}
