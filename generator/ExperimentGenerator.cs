using System.Collections.Immutable;
using System.Linq;
using DslRunner.Generator.Attributes;
using DslRunner.Generator.Binding;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Emit;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Measures;
using DslRunner.Generator.Model;
using DslRunner.Generator.Resolution;
using DslRunner.Generator.Studies;
using DslRunner.Generator.Yaml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslRunner.Generator;

/// <summary>
/// Turns experiment declarations (<c>*.experiment.yaml</c> additional files and <c>[Experiment]</c> partial
/// classes) into typed
/// <c>IExperiment</c> classes and an <c>ExperimentRegistry</c>, and study declarations (<c>*.study.yaml</c>) into typed
/// <c>StudyDefinition</c>s and a <c>StudyRegistry</c>, reporting every mistake as a diagnostic at
/// its line and column.
/// </summary>
/// <remarks>
/// Pipeline: each file is read on its own (cached per file); one step sees all declarations to merge
/// <c>extends</c> and catch duplicates; then each declaration is bound, validated and emitted on its own, so
/// an edit to one file re-emits only that experiment. Diagnostics and code are separate branches.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class ExperimentGenerator : IIncrementalGenerator
{
    /// <summary>The runtime attribute that marks a C# class as a study-level measure.</summary>
    const string StudyMeasureAttribute = "DslRunner.Studies.StudyMeasureAttribute";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(static output => output.AddSource(AttributeSource.FileName, AttributeSource.Generate()));

        var rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var value) ? value : "")
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName ?? ""))
            .Select(static (names, _) => ClassNames.Namespace(names.Left.Length > 0 ? names.Left : names.Right))
            .WithTrackingName(TrackingNames.RootNamespace);

        var yamlDocuments = context.AdditionalTextsProvider
            .Where(static text => YamlFrontEnd.IsExperimentFile(text.Path))
            .Select(static (text, cancellation) => YamlFrontEnd.Read(text.Path, text.GetText(cancellation)?.ToString()))
            .WithTrackingName(TrackingNames.YamlDocuments);

        var csharpDocuments = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeCatalog.ExperimentAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (attributeContext, cancellation) => AttributeFrontEnd.Read(attributeContext, cancellation))
            .WithTrackingName(TrackingNames.CSharpDocuments);

        var declarations = yamlDocuments.Collect()
            .Combine(csharpDocuments.Collect())
            .Combine(rootNamespace)
            .SelectMany(static (input, _) => DocumentResolver.Resolve(input.Left.Left.AddRange(input.Left.Right), input.Right))
            .WithTrackingName(TrackingNames.Declarations);

        var bound = declarations
            .Select(static (declaration, _) => ExperimentBuilder.Build(declaration))
            .WithTrackingName(TrackingNames.BoundExperiments);

        var specs = bound
            .Select(static (experiment, _) => experiment.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Specs);

        var diagnostics = bound
            .Select(static (experiment, _) => experiment.Diagnostics)
            .Where(static list => list.Count > 0)
            .WithTrackingName(TrackingNames.Diagnostics);

        var derivedNameClashes = bound
            .Collect()
            .Select(static (experiments, _) => DerivedNameCheck.Find(experiments))
            .WithTrackingName(TrackingNames.DerivedNameClashes);

        var registry = specs
            .Select(static (spec, _) => RegistryEmitter.Entries(spec))
            .Collect()
            .Combine(rootNamespace)
            .Select(static (input, _) => (Namespace: input.Right, Entries: input.Left.SelectMany(e => e).ToEquatableArray()))
            .WithTrackingName(TrackingNames.Registry);

        var yamlStudies = context.AdditionalTextsProvider
            .Where(static text => StudyFrontEnd.IsStudyFile(text.Path))
            .Select(static (text, cancellation) => StudyFrontEnd.Read(text.Path, text.GetText(cancellation)?.ToString()));

        var csharpStudies = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                StudyAttributeFrontEnd.StudyAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (attributeContext, cancellation) => StudyAttributeFrontEnd.Read(attributeContext, cancellation));

        var studyDocuments = yamlStudies.Collect()
            .Combine(csharpStudies.Collect())
            .SelectMany(static (input, _) => input.Left.AddRange(input.Right))
            .WithTrackingName(TrackingNames.StudyDocuments);

        var codeMeasures = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                StudyMeasureAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (attributeContext, cancellation) => attributeContext.Attributes.Length > 0
                    && attributeContext.Attributes[0].ConstructorArguments.Length == 1 && attributeContext.Attributes[0].ConstructorArguments[0].Value is string name
                    ? new CodeMeasure(name, attributeContext.TargetSymbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                    {
                        Span = (attributeContext.Attributes[0].ApplicationSyntaxReference?.GetSyntax(cancellation) as AttributeSyntax)?.ArgumentList?.Arguments[0]
                            .Expression.GetLocation().ToSourceSpan(),
                    }
                    : null)
            .Where(static measure => measure is not null)
            .Select(static (measure, _) => measure!)
            .Collect()
            .Select(static (measures, _) => measures.OrderBy(m => m.Name, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.CodeMeasures);

        var measureNameClashes = codeMeasures.Select(static (measures, _) => MeasureNames.Clashes(measures).ToEquatableArray());

        var armTargets = specs
            .Select(static (spec, _) => new[] { new ArmTarget(spec.Body.Name, spec.Body.Declaration) }
                .Concat(spec.Derived.Select(d => new ArmTarget(d.Body.Name, d.Body.Declaration))).ToEquatableArray())
            .Collect()
            .Select(static (targets, _) => targets.SelectMany(t => t).OrderBy(t => t.Name, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.ArmTargets);

        var duplicateStudies = studyDocuments.Collect()
            .Select(static (documents, _) => StudyFrontEnd.DuplicateNames(documents).ToEquatableArray());

        // A study whose name an earlier file already took is only reported (DSL0057), never built or emitted.
        var studies = studyDocuments
            .Combine(duplicateStudies)
            .Where(static input => !input.Right.Any(d => d.Span.Path == input.Left.Path))
            .Select(static (input, _) => input.Left)
            .Combine(armTargets.Combine(codeMeasures).Combine(rootNamespace))
            .Select(static (input, _) => StudyBuilder.Build(input.Left, input.Right.Right, input.Right.Left.Left, input.Right.Left.Right))
            .WithTrackingName(TrackingNames.Studies);

        var studySpecs = studies
            .Select(static (study, _) => study.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!);

        var studyDiagnostics = studies
            .Select(static (study, _) => study.Diagnostics)
            .Where(static list => list.Count > 0);

        var studyRegistry = studySpecs
            .Select(static (spec, _) => spec.RegistryName)
            .Collect()
            .Combine(rootNamespace)
            .Select(static (input, _) => (Namespace: input.Right, Classes: input.Left.ToEquatableArray()));

        context.RegisterSourceOutput(studySpecs, static (output, spec) => output.AddSource(spec.FileName, StudyEmitter.Emit(spec)));
        context.RegisterSourceOutput(studyDiagnostics, Report);
        context.RegisterSourceOutput(duplicateStudies, Report);
        context.RegisterSourceOutput(measureNameClashes, Report);
        context.RegisterSourceOutput(studyRegistry, static (output, input) =>
        {
            if (input.Classes.Count > 0) output.AddSource(StudyEmitter.RegistryFileName, StudyEmitter.EmitRegistry(input.Namespace, input.Classes));
        });

        context.RegisterSourceOutput(specs, static (output, spec) => output.AddSource(spec.FileName, ExperimentEmitter.Emit(spec)));
        context.RegisterSourceOutput(diagnostics, Report);
        context.RegisterSourceOutput(derivedNameClashes, Report);
        context.RegisterSourceOutput(registry, static (output, input) =>
            output.AddSource(RegistryEmitter.FileName, RegistryEmitter.Emit(input.Namespace, input.Entries)));
    }

    static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics) output.ReportDiagnostic(diagnostic.ToDiagnostic());
    }
}
