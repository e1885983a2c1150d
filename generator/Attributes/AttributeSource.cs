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
        WriteStudyAttributes(writer);
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
                    if (AttributeCatalog.FormerProperty(field) is { } former)
                    {
                        writer.WriteLine();
                        writer.WriteLine($"/// <summary>The old spelling of <see cref=\"{field.Parameter}\"/>: still read, with warning DSL0060 (<c>{field.FormerKey}</c>).</summary>");
                        writer.WriteLine($"public {type} {former} {{ get; set; }}");
                    }
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
        foreach (var hook in CodeHook.All)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>{hook.Summary}</summary>");
            writer.WriteLine(Usage(allowMultiple: true));
            using (writer.Block($"internal sealed class {hook.ClassName} : global::System.Attribute"))
            {
                writer.WriteLine("/// <param name=\"parameters\">Each <c>name=value</c>, bound to a constructor parameter or settable property of the type (checked at build time).</param>");
                writer.WriteLine($"public {hook.ClassName}(global::System.Type type, params string[] parameters) => (Type, Parameters) = (type, parameters);");
                writer.WriteLine();
                writer.WriteLine("public global::System.Type Type { get; }");
                writer.WriteLine();
                writer.WriteLine("public string[] Parameters { get; }");
            }
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

    /// <summary>The study declaration in C#: the same keys as a <c>*.study.yaml</c> file, one attribute per section.</summary>
    static void WriteStudyAttributes(SourceWriter writer)
    {
        Attribute(writer, "Declares a static partial class as a study (<c>study</c>); the generator completes it with its typed Definition.",
            "Study", allowMultiple: false, "string name", "Name = name;",
            ("string", "Name", null, "The study's name (<c>study</c>)."),
            ("string", "Description", "\"\"", "One line for listings and reports (<c>description</c>)."),
            ("int[]?", "Seeds", null, "Replicate seeds, paired across arms (<c>seeds</c>; default 1, 2, 3)."),
            ("int[]?", "DataSeeds", null, "Replicated texts: each sets data.seed, and every arm × seed runs once per data seed (<c>data_seeds</c>)."),
            ("string", "Multiplicity", "\"holm\"", "How the findings are judged together: holm (the default), bonferroni or none (<c>multiplicity</c>)."));
        Attribute(writer, "One arm: an experiment, variant or sweep point under a label, with overrides (<c>arms</c>).",
            "Arm", allowMultiple: true, "string label, string experiment", "(Label, Experiment) = (label, experiment);",
            ("string", "Label", null, "The label checks name the arm by."),
            ("string", "Experiment", null, "The experiment, variant or sweep point it runs (<c>experiment</c>)."),
            ("string[]", "Set", "global::System.Array.Empty<string>()", "Overrides as <c>dotted.path=value</c> (<c>set</c>)."),
            ("bool", "Train", "true", "False for an arm that is only built and measured, never trained (<c>train</c>)."));
        Attribute(writer, "An arm that decodes from another arm's trained model at each seed, never training (<c>decodes</c>).",
            "DecodingArm", allowMultiple: true, "string label, string decodes", "(Label, Decodes) = (label, decodes);",
            ("string", "Label", null, "The label checks name the arm by."),
            ("string", "Decodes", null, "The trained arm whose model it decodes from (<c>decodes</c>)."),
            ("string[]", "Set", "global::System.Array.Empty<string>()",
                "Decode overrides as <c>dotted.path=value</c>, e.g. <c>decode=[{ top_p: { p: 0.9 } }]</c> (<c>set</c>)."));
        Attribute(writer, "A plot of one measure against another, one point per arm (<c>plots</c>).",
            "Plot", allowMultiple: true, "string name, string x, string y", "(Name, X, Y) = (name, x, y);",
            ("string", "Name", null, "Its name (the image is plot_<name>.png)."),
            ("string", "X", null, "The measure on the x axis (<c>x</c>)."),
            ("string", "Y", null, "The measure on the y axis (<c>y</c>)."));
        Attribute(writer, "What the study measures: run metrics and [StudyMeasure] names (<c>measures</c>).",
            "Measures", allowMultiple: false, "params string[] names", "Names = names;",
            ("string[]", "Names", null, "The measures, in report order."));
        Attribute(writer, "A precondition a verdict needs (<c>controls</c>); a claim that needs a failed control is not testable here.",
            "Control", allowMultiple: true, "string id, string text, string check", "(Id, Text, Check) = (id, text, check);",
            ("string", "Id", null, "Its name, for claims' Needs."),
            ("string", "Text", null, "The control in words (<c>text</c>)."),
            ("string", "Check", null, "The check, as in YAML: e.g. <c>loss@last[long] - loss@start[long] &lt; 0</c> (<c>check</c>)."),
            ("string", "Value", "\"\"", "Which value of a metric a plain name means: final, last, min, max, start or init (<c>value</c>)."));
        Attribute(writer, "A claim judged on the mean and 95 % interval over seeds (<c>claims</c>).",
            "Claim", allowMultiple: true, "string id, string text, string check", "(Id, Text, Check) = (id, text, check);",
            ("string", "Id", null, "Its name in the report."),
            ("string", "Text", null, "The claim in words (<c>text</c>)."),
            ("string", "Check", null, "The check, e.g. <c>bits_per_byte[bpe] - bits_per_byte[char] &lt; 0</c> (<c>check</c>)."),
            ("string", "Source", "\"\"", "Where in a seed document it is made, e.g. <c>000 §4.1</c> (<c>source</c>)."),
            ("string", "Seed", "\"\"", "The old spelling of <see cref=\"Source\"/>: still read, with warning DSL0060 (<c>seed</c>)."),
            ("string", "Kind", "\"\"", "finding (the default: a result that could go either way) or mechanism (true by construction when the code works) (<c>kind</c>)."),
            ("string", "Value", "\"\"", "Which value of a metric a plain name means: final, last, min, max, start or init (<c>value</c>)."),
            ("string[]", "Needs", "global::System.Array.Empty<string>()", "Controls that must hold for the verdict to mean anything (<c>needs</c>)."));
        Attribute(writer, "A named budget: overrides and seeds for every arm, and its expected runtime (<c>budgets</c>).",
            "Budget", allowMultiple: true, "string name", "Name = name;",
            ("string", "Name", null, "The name the command line chooses it by (<c>--budget</c>)."),
            ("string[]", "Set", "global::System.Array.Empty<string>()", "Overrides as <c>dotted.path=value</c> (<c>set</c>)."),
            ("string[]", "Arms", "global::System.Array.Empty<string>()", "Overrides of single trained arms, after <c>Set</c>, as <c>arm: dotted.path=value</c> (<c>arms</c>)."),
            ("int[]?", "Seeds", null, "Replicate seeds at this budget (<c>seeds</c>; default the study's)."),
            ("string", "Runtime", "\"\"", "The expected runtime in words (<c>runtime</c>)."));
    }

    /// <param name="properties">Type, name, default (null: set by the constructor) and documentation of each property.</param>
    static void Attribute(SourceWriter writer, string summary, string name, bool allowMultiple, string parameters, string assignments,
        params (string Type, string Name, string? Default, string Doc)[] properties)
    {
        writer.WriteLine();
        writer.WriteLine($"/// <summary>{summary}</summary>");
        writer.WriteLine(Usage(allowMultiple));
        using (writer.Block($"internal sealed class {name}Attribute : global::System.Attribute"))
        {
            writer.WriteLine($"public {name}Attribute({parameters}) => {assignments}");
            foreach (var (type, property, @default, doc) in properties)
            {
                writer.WriteLine();
                writer.WriteLine($"/// <summary>{doc}</summary>");
                writer.WriteLine(@default is null && !type.EndsWith("?")
                    ? $"public {type} {property} {{ get; }}"
                    : $"public {type} {property} {{ get; set; }}{(@default is null ? "" : $" = {@default};")}");
            }
        }
    }

    static string Usage(bool allowMultiple) =>
        $"[global::System.AttributeUsage(global::System.AttributeTargets.Class, AllowMultiple = {(allowMultiple ? "true" : "false")})]";

    static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
