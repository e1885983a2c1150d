using System.Collections.Generic;
using System.Linq;

namespace DslRunner.Generator.Schema;

/// <summary>
/// For a key that one kind of a section lacks, the other kinds that have it: <c>hidden</c> is not a transformer's key
/// but an LSTM's, and saying so is more use than a near-miss spelling.
/// </summary>
public static class KeyOwners
{
    /// <summary>"; it is a key of the model kind lstm (this one is transformer)", or null when no sibling kind has the key.</summary>
    public static string? Suffix(RecordType schema, string key)
    {
        foreach (var (noun, kinds) in Families())
        {
            if (!kinds.Contains(schema)) continue;
            var owners = kinds.Where(k => k != schema && k.Find(key) is { Parameter: not null }).Select(k => k.Tag).ToList();
            if (owners.Count == 0) return null;
            return $"; it is a key of the {noun} {string.Join(" or ", owners)} (this one is {schema.Tag})";
        }
        return null;
    }

    static IEnumerable<(string Noun, IReadOnlyList<RecordType> Kinds)> Families()
    {
        yield return (ExperimentSchema.Model.Noun, ExperimentSchema.Model.Kinds);
        yield return (ExperimentSchema.Loss.Noun, ExperimentSchema.Loss.Entries);
        yield return (ExperimentSchema.Decode.Noun, ExperimentSchema.Decode.Entries);
    }
}
