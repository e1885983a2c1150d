using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Model;

/// <summary>One declaration as a front end read it, before <c>extends</c> is resolved.</summary>
/// <param name="Path">The YAML file, or the C# file holding the attributed class.</param>
/// <param name="Root">The declaration tree; null when the file could not be read at all.</param>
/// <param name="Class">For the attributed front end: the user's partial class the generated part completes.</param>
/// <param name="Diagnostics">Problems the front end found (syntax, attribute misuse).</param>
public sealed record ExperimentDocument(
    string Path,
    MappingNode? Root,
    DeclaredClass? Class,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A class the user declared with [Experiment]: the generated part uses its namespace and name.</summary>
/// <param name="Namespace">Its namespace; empty for the global namespace.</param>
public sealed record DeclaredClass(string Namespace, string Name);
