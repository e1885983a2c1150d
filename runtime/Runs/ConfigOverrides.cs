using DslRunner.Config;
using DslRunner.Generator.Binding;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Model;
using DslRunner.Generator.Resolution;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;
using DslRunner.Generator.Validation;
using DslRunner.Generator.Yaml;

namespace DslRunner.Runs;

/// <summary>The outcome of binding a declaration with overrides: a config, or the messages that say why not.</summary>
public sealed record OverrideResult(ExperimentConfig? Config, IReadOnlyList<string> Errors)
{
    /// <summary>What was read but should be written otherwise (an old key spelling, DSL0060).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Applies <c>key=value</c> overrides (DSL key paths, e.g. <c>model.d_model=256</c>) to a resolved experiment
/// declaration and binds it with the generator's own binder and rules, so an override is checked exactly as the
/// same change written in the experiment file would be, with the same messages.
/// </summary>
public static class ConfigOverrides
{
    const string DeclarationPath = "declaration";
    const string OverridePrefix = "--set ";

    /// <param name="declaration">The experiment's resolved declaration as YAML (no <c>extends</c>).</param>
    /// <param name="overrides">Each <c>key=value</c>; the value is read as YAML (a number, a word, a list, a mapping).</param>
    /// <param name="declared">The declared experiment's config, whose records of C# components (which stay as written) the result reuses.</param>
    public static OverrideResult Bind(string declaration, IReadOnlyList<string> overrides, ExperimentConfig? declared = null)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var (root, readProblems) = YamlDeclarationReader.Read(DeclarationPath, declaration, acceptTypeTags: true);
        diagnostics.AddRange(readProblems);
        if (root is not MappingNode tree) return Failed(diagnostics, "the declaration is not a mapping");

        var errors = new List<string>();
        var warnings = new List<DiagnosticInfo>();
        tree = FormerKeys.Normalize(TreeMerge.Without(tree, ExperimentSchema.VariantsKey, ExperimentSchema.SweepKey), warnings);
        foreach (string argument in overrides)
        {
            int equals = argument.IndexOf('=');
            if (equals <= 0)
            {
                errors.Add($"{OverridePrefix}{argument}: expected key=value, e.g. train.steps=50");
                continue;
            }
            string source = OverridePrefix + argument;
            string key = FormerKeys.RenamePath(argument[..equals], (former, current, where) =>
                warnings.Add(DiagnosticInfo.Create(DiagnosticCatalog.OldSpelling, SourceSpan.FileStart(source), former, where, current, FormerKeys.Reason)));
            var (value, valueProblems) = YamlDeclarationReader.Read(source, argument[(equals + 1)..]);
            diagnostics.AddRange(valueProblems);
            if (value is null) continue;
            value = FormerKeys.Normalize(key, value, warnings);
            var (applied, problem) = OverridePath.Apply(tree, key, SourceSpan.FileStart(source), value);
            if (problem is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.BadOverridePath, SourceSpan.FileStart(source), "--set", key, problem));
            else tree = applied!;
        }
        if (errors.Count > 0 || diagnostics.Count > 0) return new OverrideResult(null, [.. errors, .. diagnostics.Select(Describe)]);

        var config = new ConfigBinder(diagnostics).BindExperiment(tree);
        if (config is not null) ExperimentRules.Check(config, tree.Span, diagnostics);
        if (config is null || diagnostics.Count > 0) return new OverrideResult(null, diagnostics.Distinct().Select(Describe).ToList());
        try
        {
            return new OverrideResult(ConfigValueJson.ToConfig(config, declared), []) { Warnings = [.. warnings.Distinct().Select(Describe)] };
        }
        catch (InvalidOverrideException e)
        {
            return new OverrideResult(null, [e.Message]);
        }
    }

    static OverrideResult Failed(List<DiagnosticInfo> diagnostics, string fallback) =>
        new(null, diagnostics.Count > 0 ? diagnostics.Select(Describe).ToList() : [fallback]);

    /// <summary>"--set model.d_model=abc: 'model.d_model' expects an integer, found 'abc' (DSL0004)".</summary>
    static string Describe(DiagnosticInfo diagnostic) =>
        $"{diagnostic.Span.Path}: {diagnostic.Message} ({diagnostic.Id})";
}
