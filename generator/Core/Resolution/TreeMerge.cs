using System.Collections.Generic;
using System.Linq;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Resolution;

/// <summary>Overlays one declaration tree on another: mappings merge key by key, anything else is replaced.</summary>
public static class TreeMerge
{
    public static MappingNode Merge(MappingNode under, MappingNode over)
    {
        var entries = under.Entries.ToList();
        foreach (var entry in over.Entries)
        {
            int index = entries.FindIndex(e => e.Key == entry.Key);
            if (index < 0) entries.Add(entry);
            else if (entries[index].Value is MappingNode below && entry.Value is MappingNode above)
                entries[index] = entry with { Value = Merge(below, above) };
            else entries[index] = entry;
        }
        return over with { Entries = entries.ToEquatableArray() };
    }

    public static MappingNode Without(MappingNode mapping, params string[] keys) =>
        mapping with { Entries = mapping.Entries.Where(e => !keys.Contains(e.Key)).ToEquatableArray() };

    public static MappingNode With(MappingNode mapping, MappingEntry replacement)
    {
        var entries = new List<MappingEntry>(mapping.Entries);
        int index = entries.FindIndex(e => e.Key == replacement.Key);
        if (index < 0) entries.Add(replacement);
        else entries[index] = replacement;
        return mapping with { Entries = entries.ToEquatableArray() };
    }
}
