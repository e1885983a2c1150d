using System.Globalization;
using System.Linq;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Studies;

namespace DslRunner.Generator.Emit;

/// <summary>Writes one study as a static class holding its typed <c>StudyDefinition</c>, and the <c>StudyRegistry</c>.</summary>
public static class StudyEmitter
{
    public const string RegistryFileName = "StudyRegistry.g.cs";
    const string Declared = "global::DslRunner.Studies.";

    public static string Emit(StudySpec spec)
    {
        var writer = new SourceWriter();
        SourceHeader.Write(writer, spec.Namespace);
        writer.WriteLine("/// <summary>Generated from a study declaration; edit the declaration, not this file.</summary>");
        writer.WriteLine(SourceHeader.GeneratedCodeAttribute);
        using (writer.Block($"{(spec.DeclaredInCSharp ? "" : "public ")}static partial class {spec.ClassName}"))
        {
            writer.WriteLine($"public const string Name = {CSharpLiteral.String(spec.Name)};");
            writer.WriteLine();
            using (writer.Indented($"public static {Declared}StudyDefinition Definition {{ get; }} = new(", ");"))
            {
                writer.WriteLine($"Name: {CSharpLiteral.String(spec.Name)},");
                writer.WriteLine($"Description: {CSharpLiteral.String(spec.Description)},");
                writer.WriteLine($"Seeds: {Ints(spec.Seeds)},");
                using (writer.Block($"Arms: new {Declared}StudyArm[]", "},"))
                    foreach (var arm in spec.Arms)
                        writer.WriteLine($"new({CSharpLiteral.String(arm.Label)}, {CSharpLiteral.String(arm.Experiment)}, {Strings(arm.Overrides)}, Train: {(arm.Train ? "true" : "false")}" +
                                         $"{(arm.DecodesFrom is { } source ? ", DecodesFrom: " + CSharpLiteral.String(source) : "")}),");
                writer.WriteLine($"Measures: {Strings(spec.Measures)},");
                Checks(writer, "Controls", spec.Controls);
                Checks(writer, "Claims", spec.Claims);
                using (writer.Block($"Budgets: new {Declared}StudyBudgetDeclaration[]", "},"))
                    foreach (var budget in spec.Budgets)
                    {
                        string head = $"new({CSharpLiteral.String(budget.Name)}, {(budget.Seeds is { } seeds ? Ints(seeds) : "null")}, {Strings(budget.Overrides)}, {CSharpLiteral.String(budget.Runtime)})";
                        if (budget.Arms.Count == 0)
                        {
                            writer.WriteLine(head + ",");
                            continue;
                        }
                        // Only a budget that sets single arms' keys names them, so every other budget emits as before.
                        using (writer.Block(head, "},"))
                        using (writer.Block("ArmOverrides = new global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IReadOnlyList<string>>", "},"))
                            foreach (var arm in budget.Arms)
                                writer.WriteLine($"[{CSharpLiteral.String(arm.Arm)}] = {Strings(arm.Overrides)},");
                    }
                // The optional arguments after CodeMeasures, each only when declared, so a study without them emits as before.
                var optional = new System.Collections.Generic.List<string>();
                if (spec.Multiplicity != "holm")
                    optional.Add($"Multiplicity: global::DslRunner.Statistics.MultiplicityRule.{char.ToUpperInvariant(spec.Multiplicity[0]) + spec.Multiplicity.Substring(1)}");
                if (spec.DataSeeds is { } dataSeeds) optional.Add($"DataSeeds: {Ints(dataSeeds)}");
                using (writer.Block($"CodeMeasures: new {Declared}IStudyMeasure[]", spec.Plots.Count > 0 || optional.Count > 0 ? "}," : "}"))
                    foreach (var measure in spec.CodeMeasures)
                        writer.WriteLine($"new {measure.FullyQualifiedType}(),");
                if (spec.Plots.Count > 0)
                    using (writer.Block($"Plots: new {Declared}StudyPlot[]", optional.Count > 0 ? "}," : "}"))
                        foreach (var plot in spec.Plots)
                            writer.WriteLine($"new({CSharpLiteral.String(plot.Name)}, {CSharpLiteral.String(plot.X)}, {CSharpLiteral.String(plot.Y)}),");
                for (int i = 0; i < optional.Count; i++)
                    writer.WriteLine(optional[i] + (i < optional.Count - 1 ? "," : ""));
            }
        }
        return writer.ToString();
    }

    public static string EmitRegistry(string @namespace, EquatableArray<string> classNames)
    {
        var writer = new SourceWriter();
        SourceHeader.Write(writer, @namespace);
        writer.WriteLine("/// <summary>Every study this project declares, sorted by class name.</summary>");
        writer.WriteLine(SourceHeader.GeneratedCodeAttribute);
        using (writer.Block("public static partial class StudyRegistry"))
        {
            string list = $"global::System.Collections.Generic.IReadOnlyList<{Declared}StudyDefinition>";
            using (writer.Block($"public static {list} All {{ get; }} = new {Declared}StudyDefinition[]", "};"))
                foreach (string name in classNames.OrderBy(n => n, System.StringComparer.Ordinal)) writer.WriteLine($"{name}.Definition,");
        }
        return writer.ToString();
    }

    static void Checks(SourceWriter writer, string parameter, EquatableArray<CheckSpec> checks)
    {
        using (writer.Block($"{parameter}: new {Declared}StudyCheck[]", "},"))
            foreach (var check in checks)
                writer.WriteLine($"new({CSharpLiteral.String(check.Id)}, {CSharpLiteral.String(check.Text)}, {CSharpLiteral.String(check.Reference)}, " +
                                 $"{CSharpLiteral.String(check.Source)}, {Expression(check)}, {Strings(check.Needs)}" +
                                 (check.Kind == "mechanism" ? $", {Declared}ClaimKind.Mechanism" : "") + "),");
    }

    static string Expression(CheckSpec check)
    {
        string value = check.Value.Kind switch
        {
            "difference" => $"new {Declared}DifferenceValue({Metric(check.Value.First)}, {Metric(check.Value.Second!)})",
            "slope" => $"new {Declared}SlopeValue({CSharpLiteral.String(check.Value.First.Metric)}, {CSharpLiteral.String(check.Value.Second!.Metric)}, {Strings(check.Value.Over)})",
            "corr" => $"new {Declared}CorrelationValue({CSharpLiteral.String(check.Value.First.Metric)}, {CSharpLiteral.String(check.Value.Second!.Metric)}, {CSharpLiteral.String(check.Value.First.Arm)})",
            _ => Metric(check.Value.First),
        };
        string op = check.Operator switch { ">" => "Greater", "<" => "Less", _ => "Equal" };
        return $"new {Declared}CheckExpression({value}, {Declared}CheckOperator.{op}, {CSharpLiteral.Number(check.Line)})";
    }

    static string Metric(MetricRef metric) =>
        $"new {Declared}MetricValue({CSharpLiteral.String(metric.Metric)}, {CSharpLiteral.String(metric.Arm)}, {Declared}ValueKind.{metric.Value}, {metric.Step.ToString(CultureInfo.InvariantCulture)})";

    static string Strings(EquatableArray<string> items) =>
        items.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", items.Select(CSharpLiteral.String)) + " }";

    static string Ints(EquatableArray<int> items) =>
        "new int[] { " + string.Join(", ", items.Select(i => i.ToString(CultureInfo.InvariantCulture))) + " }";
}
