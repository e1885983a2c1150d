using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Model;

/// <summary>
/// A declaration ready to bind: <c>extends</c> merged in, its class name chosen, and the problems that need the
/// view of all files (duplicate names, extends cycles) already found.
/// </summary>
/// <param name="Root">The merged declaration tree, directives (<c>extends</c>, <c>abstract</c>) removed; null when
/// there is nothing to bind and only <paramref name="Diagnostics"/> remain to report.</param>
/// <param name="GeneratedClassIsSealed">True for YAML experiments, whose class the generator declares whole.</param>
public sealed record ExperimentDeclaration(
    string Path,
    MappingNode? Root,
    string Namespace,
    string ClassName,
    bool GeneratedClassIsSealed,
    EquatableArray<DiagnosticInfo> Diagnostics);
