using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Model;
using DslRunner.Generator.Resolution;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;
using DslRunner.Generator.Validation;

namespace DslRunner.Generator.Binding;

/// <summary>
/// Turns one resolved declaration into the spec of its generated class: binds the experiment, expands its
/// variants and sweep points into sibling experiments, and runs the cross-key rules on each.
/// </summary>
public static class ExperimentBuilder
{
    /// <summary>Each sweep point is a class: a sweep larger than this is almost surely a mistake, and slows every build.</summary>
    const int MaximumSweepPoints = 256;

    public static BoundExperiment Build(ExperimentDeclaration declaration)
    {
        var diagnostics = new List<DiagnosticInfo>(declaration.Diagnostics);
        if (declaration.Root is null) return new BoundExperiment(null, diagnostics.ToEquatableArray(), EquatableArray<DeclaredName>.Empty);

        var root = FormerKeys.Normalize(declaration.Root, diagnostics);
        var variants = root.Find(ExperimentSchema.VariantsKey);
        var sweep = root.Find(ExperimentSchema.SweepKey);
        var baseTree = TreeMerge.Without(root, ExperimentSchema.VariantsKey, ExperimentSchema.SweepKey);

        var body = BindBody(baseTree, diagnostics);
        var derived = new List<(DerivedExperiment Experiment, SourceSpan Span)>();
        if (variants is not null) derived.AddRange(BuildVariants(variants, baseTree, body?.Name, diagnostics));
        if (sweep is not null) derived.AddRange(BuildSweep(sweep, baseTree, body?.Name, diagnostics));

        var distinct = diagnostics.Distinct().ToEquatableArray();
        var names = derived.Select(d => new DeclaredName(d.Experiment.Body.Name, d.Span)).ToEquatableArray();
        if (body is null || distinct.Any(d => !DiagnosticCatalog.ById(d.Id).IsWarning)) return new BoundExperiment(null, distinct, names);
        var spec = new ExperimentSpec(
            declaration.Namespace, declaration.ClassName, declaration.GeneratedClassIsSealed, body, derived.Select(d => d.Experiment).ToEquatableArray());
        return new BoundExperiment(spec, distinct, names);
    }

    static ExperimentBody? BindBody(MappingNode tree, List<DiagnosticInfo> diagnostics)
    {
        // A variant's or sweep value's own mapping may still use an old spelling.
        tree = FormerKeys.Normalize(tree, diagnostics);
        var config = new ConfigBinder(diagnostics).BindExperiment(tree);
        if (config is null) return null;
        int before = diagnostics.Count;
        ExperimentRules.Check(config, tree.Span, diagnostics);
        if (diagnostics.Count != before) return null;
        ExperimentRules.Warn(config, tree.Span, diagnostics);
        return config.ValueOf(ExperimentSchema.ExperimentKey) is StringValue name ? new ExperimentBody(name.Value, config.WithoutSpans(), DeclarationText.Write(tree) ?? "") : null;
    }

    static IEnumerable<(DerivedExperiment, SourceSpan)> BuildVariants(
        MappingEntry variants, MappingNode baseTree, string? experimentName, List<DiagnosticInfo> diagnostics)
    {
        if (variants.Value is not MappingNode mapping)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, variants.Value.Span, ExperimentSchema.VariantsKey,
                "a mapping of variant names to overrides", ConfigBinder.Describe(variants.Value)));
            yield break;
        }
        var classNames = new HashSet<string>();
        foreach (var variant in mapping.Entries)
        {
            string? problem = NameRules.Problem(variant.Key) ?? (variant.Key.Contains("@") ? "'@' is reserved for sweep points" : null);
            string? className = ClassNames.FromName(variant.Key);
            if (problem is null && className is null) problem = "it needs at least one letter or digit to name a C# class";
            if (problem is null && !classNames.Add(className!)) problem = $"another variant also maps to the class {className}Variant";
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidVariantName, variant.KeySpan, variant.Key, problem));
                continue;
            }
            var tree = ApplyOverrides(baseTree, variant.Value, "variant", diagnostics);
            if (tree is null || experimentName is null) continue;
            var body = BindBody(Rename(tree, experimentName + "." + variant.Key), diagnostics);
            if (body is not null) yield return (new DerivedExperiment(className + "Variant", body), variant.KeySpan);
        }
    }

    static IEnumerable<(DerivedExperiment, SourceSpan)> BuildSweep(
        MappingEntry sweep, MappingNode baseTree, string? experimentName, List<DiagnosticInfo> diagnostics)
    {
        if (sweep.Value is not MappingNode mapping)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, sweep.Value.Span, ExperimentSchema.SweepKey,
                "a mapping of dotted paths to lists of values", ConfigBinder.Describe(sweep.Value)));
            yield break;
        }
        var axes = new List<(MappingEntry Entry, SequenceNode Values)>();
        foreach (var axis in mapping.Entries)
        {
            if (axis.Value is SequenceNode { Items.Count: > 0 } values) axes.Add((axis, values));
            else diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, axis.Value.Span, "sweep." + axis.Key,
                "a non-empty list of values", ConfigBinder.Describe(axis.Value)));
        }
        if (axes.Count != mapping.Entries.Count || axes.Count == 0 || experimentName is null) yield break;

        // An axis's path with old spellings read as the new ones; its points keep the name as written.
        var paths = axes.Select(a => RenamePath(a.Entry, diagnostics)).ToList();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (int axis = 0; axis < axes.Count; axis++)
            if (!seen.Add(paths[axis]))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DuplicateKey, axes[axis].Entry.KeySpan, axes[axis].Entry.Key, "sweep"));
                yield break;
            }
        // A bad path is reported once per axis, not once per point.
        foreach (var ((entry, values), path) in axes.Zip(paths, (a, p) => (a, p)))
        {
            var (_, problem) = OverridePath.Apply(baseTree, path, entry.KeySpan, values.Items[0]);
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.BadOverridePath, entry.KeySpan, "sweep", entry.Key, problem));
                yield break;
            }
        }

        long points = axes.Aggregate(1L, (product, axis) => product * axis.Values.Items.Count);
        if (points > MaximumSweepPoints)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.SweepTooLarge, sweep.KeySpan,
                points.ToString(CultureInfo.InvariantCulture), MaximumSweepPoints.ToString(CultureInfo.InvariantCulture)));
            yield break;
        }

        var shortNames = axes.Select(a => a.Entry.Key.Split('.').Last()).ToList();
        var labels = shortNames.Distinct().Count() == shortNames.Count ? shortNames : axes.Select(a => a.Entry.Key).ToList();
        var valueLabels = axes.Select(a => Labels(a.Values)).ToList();
        int pointNumber = 0;
        foreach (var point in Combinations(axes.Select(a => Enumerable.Range(0, a.Values.Items.Count).ToList()).ToList()))
        {
            pointNumber++;
            var tree = baseTree;
            for (int axis = 0; axis < axes.Count; axis++)
                tree = OverridePath.Apply(tree, paths[axis], axes[axis].Entry.KeySpan, axes[axis].Values.Items[point[axis]]).Tree!;
            string label = string.Join(",", labels.Select((name, axis) => name + "=" + valueLabels[axis][point[axis]]));
            var body = BindBody(Rename(tree, experimentName + "@" + label), diagnostics);
            if (body is not null) yield return (new DerivedExperiment("Sweep" + pointNumber.ToString(CultureInfo.InvariantCulture), body), sweep.KeySpan);
        }
    }

    static MappingNode? ApplyOverrides(MappingNode baseTree, DeclarationNode overrides, string what, List<DiagnosticInfo> diagnostics)
    {
        if (overrides is ScalarNode { IsNull: true }) return baseTree;
        if (overrides is not MappingNode mapping)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, overrides.Span, what,
                "a mapping of dotted paths to values", ConfigBinder.Describe(overrides)));
            return null;
        }
        var tree = baseTree;
        var paths = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            string path = RenamePath(entry, diagnostics);
            // A path set twice would silently keep its last value; the experiment file itself refuses the same (DSL0018).
            if (!paths.Add(path))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DuplicateKey, entry.KeySpan, entry.Key, what + " overrides"));
                return null;
            }
            var (next, problem) = OverridePath.Apply(tree, path, entry.KeySpan, entry.Value);
            if (next is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.BadOverridePath, entry.KeySpan, what, entry.Key, problem!));
                return null;
            }
            tree = next;
        }
        return tree;
    }

    /// <summary>An override's path with old spellings read as the new ones, each with warning DSL0060 at the path.</summary>
    static string RenamePath(MappingEntry entry, List<DiagnosticInfo> diagnostics) =>
        FormerKeys.RenamePath(entry.Key, (former, current, where) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.OldSpelling, entry.KeySpan, former, where, current, FormerKeys.Reason)));

    static MappingNode Rename(MappingNode tree, string name)
    {
        var entry = tree.Find(ExperimentSchema.ExperimentKey);
        var span = entry?.Value.Span ?? tree.Span;
        return TreeMerge.With(tree, new MappingEntry(ExperimentSchema.ExperimentKey, entry?.KeySpan ?? span, new ScalarNode(name, true, span)));
    }

    /// <summary>
    /// Each value of a sweep axis as it appears in names: numbers in one canonical form, so "1.0" and 1.0 in C# both read
    /// "1"; a whole section by its kind (<c>model=lstm</c>), numbered when the axis names one kind twice (<c>model=lstm2</c>).
    /// </summary>
    static List<string> Labels(SequenceNode values)
    {
        var labels = values.Items.Select(Label).ToList();
        var repeated = labels.GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var seen = new Dictionary<string, int>();
        for (int i = 0; i < labels.Count; i++)
            if (repeated.Contains(labels[i]))
                labels[i] += (seen[labels[i]] = seen.TryGetValue(labels[i], out int count) ? count + 1 : 1).ToString(CultureInfo.InvariantCulture);
        return labels;
    }

    static string Label(DeclarationNode value) => value switch
    {
        ScalarNode { Quoted: false } scalar when ScalarText.TryParseNumber(scalar.Text, out double number) =>
            number.ToString("R", CultureInfo.InvariantCulture),
        ScalarNode scalar => scalar.Text,
        MappingNode mapping when mapping.Find(KindUnionType.DiscriminatorKey)?.Value is ScalarNode kind => kind.Text,
        _ => "…",
    };

    static IEnumerable<List<int>> Combinations(List<List<int>> axes)
    {
        IEnumerable<List<int>> points = [[]];
        foreach (var axis in axes)
            points = points.SelectMany(point => axis.Select(value => new List<int>(point) { value })).ToList();
        return points;
    }
}
