using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Model;

/// <summary>Everything the emitter needs for one generated file: the experiment, its variants and sweep points.</summary>
public sealed record ExperimentSpec(
    string Namespace,
    string ClassName,
    bool IsSealed,
    ExperimentBody Body,
    EquatableArray<DerivedExperiment> Derived)
{
    /// <summary>
    /// The hint name of the generated file: <c>Quickstart.g.cs</c> for a YAML experiment; a declared C# class,
    /// which may live in any namespace, gets its namespace in front so that two files never share a name.
    /// </summary>
    public string FileName => IsSealed
        ? ClassName + ".g.cs"
        : (Namespace.Length == 0 ? "" : Namespace + ".") + ClassName + ".Experiment.g.cs";
}

/// <summary>One runnable experiment: its unique name and fully resolved config (an ExperimentConfig record).</summary>
/// <param name="Declaration">The resolved declaration as YAML (empty when it names C# types), for re-binding with overrides.</param>
public sealed record ExperimentBody(string Name, RecordValue Config, string Declaration);

/// <summary>A variant or sweep point: a nested class of the experiment's class.</summary>
public sealed record DerivedExperiment(string ClassName, ExperimentBody Body);

/// <summary>The outcome of binding one declaration: a spec when it is valid, and every diagnostic found.</summary>
/// <param name="DerivedNames">The names of its variants and sweep points, where each is declared, for the check across files.</param>
public sealed record BoundExperiment(ExperimentSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<DeclaredName> DerivedNames);

/// <summary>An experiment name and where it comes from (a variant's key, a sweep's path).</summary>
public sealed record DeclaredName(string Name, SourceSpan Span);

/// <summary>One line of the registry.</summary>
/// <param name="TypeName">The experiment's class, fully qualified with <c>global::</c>.</param>
public sealed record RegistryEntry(string Name, string TypeName);
