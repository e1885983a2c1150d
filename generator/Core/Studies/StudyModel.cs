using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Studies;

/// <summary>One <c>*.study.yaml</c> file as read: its tree, or the problems that kept it from being read.</summary>
public sealed record StudyDocument(string Path, MappingNode? Root, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A C# class marked <c>[StudyMeasure("name")]</c>: a measure declarations may name.</summary>
public sealed record CodeMeasure(string Name, string FullyQualifiedType);

/// <summary>An experiment a study arm may name: its registry name and resolved declaration (YAML).</summary>
public sealed record ArmTarget(string Name, string Declaration);

/// <summary>A checked study, ready to emit; every string is as the runtime record wants it.</summary>
public sealed record StudySpec(
    string Namespace,
    string ClassName,
    string Name,
    string Description,
    EquatableArray<int> Seeds,
    EquatableArray<ArmSpec> Arms,
    EquatableArray<string> Measures,
    EquatableArray<CheckSpec> Controls,
    EquatableArray<CheckSpec> Claims,
    EquatableArray<BudgetSpec> Budgets,
    EquatableArray<CodeMeasure> CodeMeasures)
{
    public string FileName => ClassName + ".g.cs";
}

public sealed record ArmSpec(string Label, string Experiment, EquatableArray<string> Overrides, bool Train);

public sealed record BudgetSpec(string Name, EquatableArray<int>? Seeds, EquatableArray<string> Overrides, string Runtime);

/// <summary>A parsed check: <see cref="Value"/> compared with <see cref="Line"/>.</summary>
public sealed record CheckSpec(string Id, string Text, string Reference, string Source, CheckTerm Value, string Operator, double Line, EquatableArray<string> Needs);

/// <summary>The left side of a check. Kind: "metric" (A), "difference" (A − B) or "corr" (X, Y as metrics, one arm).</summary>
public sealed record CheckTerm(string Kind, MetricRef First, MetricRef? Second);

/// <summary><c>metric@value[arm]</c>; Value is a runtime <c>ValueKind</c> member name.</summary>
public sealed record MetricRef(string Metric, string Arm, string Value, int Step);

/// <summary>A study with the problems found in it.</summary>
public sealed record BoundStudy(StudySpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
