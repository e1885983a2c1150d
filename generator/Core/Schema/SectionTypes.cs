using System.Collections.Generic;
using System.Linq;

namespace DslRunner.Generator.Schema;

/// <summary>One key of a <see cref="SectionType"/>.</summary>
/// <param name="Required">Whether the section is incomplete without it.</param>
/// <param name="FormerOf">For an old spelling that is still read (with a warning): the key that replaced it. It is
/// accepted where it stands but left out of the JSON Schema, so editors offer the current key.</param>
public sealed record SectionKey(string Key, SchemaType Type, string Description, bool Required = false, string? FormerOf = null);

/// <summary>
/// A mapping with fixed keys that binds to no runtime record (a section of a study file: an arm, a claim, a budget).
/// The builder checks keys against <see cref="Keys"/> and the JSON Schema lists them.
/// </summary>
public sealed class SectionType(string noun, string description, IReadOnlyList<SectionKey> keys) : SchemaType
{
    /// <summary>What the section is, in messages: "arm", "claim".</summary>
    public string Noun { get; } = noun;
    public string Description { get; } = description;
    public IReadOnlyList<SectionKey> Keys { get; } = keys;
    public override string Expectation => "a mapping";

    /// <summary>Every key the section accepts, former spellings included, in declared order.</summary>
    public string[] KeyNames => [.. Keys.Select(k => k.Key)];
}

/// <summary>A mapping of names (arm labels, claim ids, budget names) to sections of one type.</summary>
public sealed class NamedSectionsType(SectionType entry, string expectation, int minimumCount = 0) : SchemaType
{
    public SectionType Entry { get; } = entry;
    public int MinimumCount { get; } = minimumCount;
    public override string Expectation { get; } = expectation;
}

/// <summary>Overrides as a mapping of dotted DSL paths to values (never mappings): <c>{ train.steps: 300 }</c>.</summary>
public sealed class OverridesType : SchemaType
{
    public static readonly OverridesType Instance = new();
    public override string Expectation => "a mapping of dotted paths to values";
}

/// <summary>One value or a list of them (a claim's <c>needs</c>).</summary>
public sealed class OneOrListType(SchemaType item) : SchemaType
{
    public SchemaType Item { get; } = item;
    public override string Expectation => "a value or a list of values";
}
