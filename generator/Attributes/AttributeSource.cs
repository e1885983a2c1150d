using System.Linq;
using DslRunner.Generator.Emit;
using DslRunner.Generator.Helpers;

namespace DslRunner.Generator.Attributes;

/// <summary>
/// The attribute classes of the C# front end, added to every consuming compilation. Internal, so projects that
/// each use the generator never see two copies of one type.
/// </summary>
internal static class AttributeSource
{
    public const string FileName = "DslRunner.Declarations.g.cs";

    public static string Generate()
    {
        var writer = new SourceWriter();
        SourceHeader.Write(writer, AttributeCatalog.Namespace);
        WriteExperimentAttribute(writer);
        WriteSpecialAttributes(writer);
        foreach (var binding in AttributeCatalog.Bindings)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>{Xml(binding.Record.Description)}.</summary>");
            writer.WriteLine(Usage(allowMultiple: binding.Placement == Placement.ListEntry));
            using (writer.Block($"internal sealed class {binding.ClassName} : global::System.Attribute"))
            {
                bool first = true;
                foreach (var field in binding.Record.Fields.Where(f => f.Parameter is not null))
                {
                    string? type = AttributeCatalog.PropertyType(field.Type);
                    if (type is null) continue;
                    if (!first) writer.WriteLine();
                    first = false;
                    writer.WriteLine($"/// <summary>{Xml(field.Description)} (<c>{field.Key}</c>).</summary>");
                    writer.WriteLine($"public {type} {field.Parameter} {{ get; set; }}{(type.EndsWith("[]") ? " = global::System.Array.Empty<string>();" : type == "string" ? " = \"\";" : "")}");
                }
            }
        }
        return writer.ToString();
    }

    static void WriteExperimentAttribute(SourceWriter writer)
    {
        writer.WriteLine("/// <summary>Declares a partial class as an experiment; the generator completes it as an IExperiment.</summary>");
        writer.WriteLine(Usage(allowMultiple: false));
        using (writer.Block("internal sealed class ExperimentAttribute : global::System.Attribute"))
        {
            writer.WriteLine("/// <param name=\"name\">Unique name (<c>experiment</c>).</param>");
            writer.WriteLine("public ExperimentAttribute(string name) => Name = name;");
            writer.WriteLine();
            writer.WriteLine("public string Name { get; }");
            writer.WriteLine();
            writer.WriteLine("/// <summary>One line for listings and reports (<c>description</c>).</summary>");
            writer.WriteLine("public string Description { get; set; } = \"\";");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Seed of data, initialisation and sampling (<c>seed</c>).</summary>");
            writer.WriteLine("public int Seed { get; set; }");
            writer.WriteLine();
            writer.WriteLine("/// <summary>An experiment file to start from, relative to this source file (<c>extends</c>).</summary>");
            writer.WriteLine("public string Extends { get; set; } = \"\";");
        }
    }

    static void WriteSpecialAttributes(SourceWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>A loss term written in C#: a class deriving DslRunner.Losses.LossTerm with a parameterless constructor.</summary>");
        writer.WriteLine(Usage(allowMultiple: true));
        using (writer.Block("internal sealed class LossTermAttribute : global::System.Attribute"))
        {
            writer.WriteLine("public LossTermAttribute(global::System.Type type) => Type = type;");
            writer.WriteLine();
            writer.WriteLine("public global::System.Type Type { get; }");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>A typed sibling experiment: this one with one dotted path overridden (repeat for more).</summary>");
        writer.WriteLine(Usage(allowMultiple: true));
        using (writer.Block("internal sealed class VariantAttribute : global::System.Attribute"))
        {
            writer.WriteLine("public VariantAttribute(string name) => Name = name;");
            writer.WriteLine();
            writer.WriteLine("public VariantAttribute(string name, string path, object value) : this(name) => (Path, Value) = (path, value);");
            writer.WriteLine();
            writer.WriteLine("public string Name { get; }");
            writer.WriteLine();
            writer.WriteLine("public string? Path { get; }");
            writer.WriteLine();
            writer.WriteLine("public object? Value { get; }");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>One experiment per listed value of a dotted path (several sweeps combine).</summary>");
        writer.WriteLine(Usage(allowMultiple: true));
        using (writer.Block("internal sealed class SweepAttribute : global::System.Attribute"))
        {
            writer.WriteLine("public SweepAttribute(string path, params object[] values) => (Path, Values) = (path, values);");
            writer.WriteLine();
            writer.WriteLine("public string Path { get; }");
            writer.WriteLine();
            writer.WriteLine("public object[] Values { get; }");
        }
    }

    static string Usage(bool allowMultiple) =>
        $"[global::System.AttributeUsage(global::System.AttributeTargets.Class, AllowMultiple = {(allowMultiple ? "true" : "false")})]";

    static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
