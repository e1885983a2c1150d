using DslRunner.Generator.Schema;

namespace DslRunner.Config;

/// <summary>
/// The runtime record of every choice of a catalog kind (<see cref="ExperimentSchema.TokenizerKind"/>,
/// <see cref="ExperimentSchema.Corpus"/>), read from its descriptor's <see cref="Choice.Record"/>, never from a switch:
/// a kind whose record is missing, or is no <typeparamref name="TRecord"/>, fails on first use with its name.
/// </summary>
public sealed class KindRecords<TKind, TRecord> where TKind : struct, Enum where TRecord : class
{
    readonly Dictionary<TKind, (Choice Choice, TRecord Record)> _byKind;

    public KindRecords(ChoiceType choices)
    {
        _byKind = choices.Choices.ToDictionary(choice => Enum.Parse<TKind>(choice.Member), choice => (choice, Create(choice)));
        foreach (var kind in Enum.GetValues<TKind>())
            if (!_byKind.ContainsKey(kind))
                throw new InvalidOperationException($"{typeof(TKind).Name}.{kind} has no choice in generator/Core/Schema/ExperimentSchema.cs");
    }

    /// <summary>The record that builds <paramref name="kind"/>.</summary>
    public TRecord Of(TKind kind) => _byKind[kind].Record;

    /// <summary>The DSL name of <paramref name="kind"/> (<c>chinese-poetry</c> for <c>ChinesePoetry</c>).</summary>
    public string NameOf(TKind kind) => _byKind[kind].Choice.Name;

    /// <summary>The record of the kind the DSL calls <paramref name="name"/>; null when no kind has that name.</summary>
    public TRecord? Named(string name) => _byKind.Values.FirstOrDefault(entry => entry.Choice.Name == name).Record;

    static TRecord Create(Choice choice)
    {
        const string prefix = "global::";
        string name = choice.Record ?? throw new InvalidOperationException($"the {choice.Name} choice names no runtime record");
        if (name.StartsWith(prefix, StringComparison.Ordinal)) name = name[prefix.Length..];
        var type = typeof(TRecord).Assembly.GetType(name);
        return type is not null && typeof(TRecord).IsAssignableFrom(type) && Activator.CreateInstance(type) is TRecord record
            ? record
            : throw new InvalidOperationException($"the {choice.Name} choice names {name}, which is no {typeof(TRecord).Name} of the runtime");
    }
}
