using System.Linq;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Model;

namespace DslRunner.Generator.Emit;

/// <summary>Writes <c>ExperimentRegistry.All</c>: every experiment, variant and sweep point, sorted by name.</summary>
public static class RegistryEmitter
{
    public const string FileName = "ExperimentRegistry.g.cs";

    public static EquatableArray<RegistryEntry> Entries(ExperimentSpec spec)
    {
        string type = "global::" + (spec.Namespace.Length == 0 ? "" : spec.Namespace + ".") + spec.ClassName;
        return new[] { new RegistryEntry(spec.Body.Name, type) }
            .Concat(spec.Derived.Select(d => new RegistryEntry(d.Body.Name, type + "." + d.ClassName)))
            .ToEquatableArray();
    }

    public static string Emit(string @namespace, EquatableArray<RegistryEntry> entries)
    {
        var writer = new SourceWriter();
        SourceHeader.Write(writer, @namespace);
        writer.WriteLine("/// <summary>Every experiment this project declares, sorted by name.</summary>");
        writer.WriteLine(SourceHeader.GeneratedCodeAttribute);
        using (writer.Block("public static partial class ExperimentRegistry"))
        {
            const string list = "global::System.Collections.Generic.IReadOnlyList<global::DslRunner.IExperiment>";
            var sorted = entries.OrderBy(e => e.Name, System.StringComparer.Ordinal).ThenBy(e => e.TypeName, System.StringComparer.Ordinal).ToList();
            if (sorted.Count == 0)
                writer.WriteLine($"public static {list} All {{ get; }} = global::System.Array.Empty<global::DslRunner.IExperiment>();");
            else
            {
                using (writer.Block($"public static {list} All {{ get; }} = new global::DslRunner.IExperiment[]", "};"))
                {
                    foreach (var entry in sorted) writer.WriteLine($"new {entry.TypeName}(),");
                }
            }
        }
        return writer.ToString();
    }
}
