using System.Linq;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Measures;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Studies;

/// <summary>One study declaration as read (a <c>*.study.yaml</c> file or a <c>[Study]</c> class): its tree, or the problems that kept it from being read.</summary>
/// <param name="Class">The <c>[Study]</c> class the generator completes; null for a YAML file (its class is named after the study).</param>
public sealed record StudyDocument(string Path, MappingNode? Root, EquatableArray<DiagnosticInfo> Diagnostics, Model.DeclaredClass? Class = null);

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
    /// <summary>True when a <c>[Study]</c> class declares it: the emitted part then leaves the accessibility to that class.</summary>
    public bool DeclaredInCSharp { get; init; }

    /// <summary>The declared scatter plots of one measure against another, one point per arm.</summary>
    public EquatableArray<PlotSpec> Plots { get; init; } = EquatableArray<PlotSpec>.Empty;

    /// <summary>The multiplicity rule over the findings: holm (the default), bonferroni or none.</summary>
    public string Multiplicity { get; init; } = "holm";

    /// <summary>The replicated texts (<c>data_seeds</c>): each sets <c>data.seed</c>; null = the one text the arms fix.</summary>
    public EquatableArray<int>? DataSeeds { get; init; }

    public string FileName => DeclaredInCSharp ? $"{QualifiedClassName}.Study.g.cs".Replace("global::", "") : ClassName + ".g.cs";

    /// <summary>How the registry (emitted in the project's root namespace) names the class.</summary>
    public string RegistryName => DeclaredInCSharp ? QualifiedClassName : ClassName;

    string QualifiedClassName => "global::" + (Namespace.Length > 0 ? Namespace + "." : "") + ClassName;
}

/// <param name="Overrides">A decoding arm's own decode overrides (the arm it decodes from adds its own before them).</param>
public sealed record ArmSpec(string Label, string Experiment, EquatableArray<string> Overrides, bool Train)
{
    /// <summary>The trained arm whose model this arm decodes from, instead of training; null for an arm that trains or is built.</summary>
    public string? DecodesFrom { get; init; }
}

/// <summary>A declared plot: measure <see cref="X"/> against measure <see cref="Y"/>, one point per arm (mean over seeds).</summary>
public sealed record PlotSpec(string Name, string X, string Y);

public sealed record BudgetSpec(string Name, EquatableArray<int>? Seeds, EquatableArray<string> Overrides, string Runtime)
{
    /// <summary>Overrides of single trained arms at this budget, applied after <see cref="Overrides"/>.</summary>
    public EquatableArray<BudgetArmSpec> Arms { get; init; } = EquatableArray<BudgetArmSpec>.Empty;
}

/// <summary>One arm's overrides at one budget (<c>key=value</c>, as <see cref="BudgetSpec.Overrides"/>).</summary>
public sealed record BudgetArmSpec(string Arm, EquatableArray<string> Overrides);

/// <summary>A parsed check: <see cref="Value"/> compared with <see cref="Line"/>.</summary>
public sealed record CheckSpec(string Id, string Text, string Reference, string Source, CheckTerm Value, string Operator, double Line, EquatableArray<string> Needs, string Kind = "finding");

/// <summary>
/// The left side of a check. Kind: "metric" (A), "difference" (A − B), "corr" (X, Y as metrics, one arm) or "slope"
/// (Y on X over the arms of <see cref="Over"/>; First and Second name Y and X at the first of them).
/// </summary>
public sealed record CheckTerm(string Kind, MetricRef First, MetricRef? Second)
{
    /// <summary>For a slope, the arms it is fitted over, in the order written; empty otherwise.</summary>
    public EquatableArray<string> Over { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Every metric reference the check reads: a slope reads Y and X at each of its arms.</summary>
    public System.Collections.Generic.IEnumerable<MetricRef> References => Kind == "slope"
        ? Over.SelectMany(arm => new[] { First with { Arm = arm }, Second! with { Arm = arm } })
        : Second is null ? [First] : [First, Second];
}

/// <summary><c>metric@value[arm]</c>; Value is a runtime <c>ValueKind</c> member name.</summary>
public sealed record MetricRef(string Metric, string Arm, string Value, int Step);

/// <summary>A study with the problems found in it.</summary>
public sealed record BoundStudy(StudySpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
