using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslRunner.Generator.Binding;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Measures;
using DslRunner.Generator.Model;
using DslRunner.Generator.Resolution;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;
using DslRunner.Generator.Validation;
using DslRunner.Generator.Yaml;

namespace DslRunner.Generator.Studies;

/// <summary>
/// Checks one study declaration, as <see cref="StudyParser"/> read it, against the project's experiments and measures
/// and turns it into a <see cref="StudySpec"/>: arms bind (their overrides checked as variants are), checks name only
/// declared arms, measures and controls, and every trained arm shares one evaluation text.
/// </summary>
public sealed class StudyBuilder
{
    public const string StudyKey = StudySchema.StudyKey;
    public const string DataSeedsKey = StudySchema.DataSeedsKey;
    public const string DecodesKey = StudySchema.DecodesKey;

    /// <summary>Metrics every run records (validation and test) that checks may name.</summary>
    public static readonly string[] RunMetrics = MeasureCatalog.Figures.ToArray();

    readonly StudyDocument _document;
    readonly Dictionary<string, ArmTarget> _targets;
    readonly Dictionary<string, CodeMeasure> _codeMeasures;
    readonly List<DiagnosticInfo> _diagnostics = [];
    /// <summary>The <c>eval.metrics</c> each trained arm lists, as its experiment and overrides resolve.</summary>
    readonly Dictionary<string, HashSet<string>> _listedMetrics = [];

    StudyBuilder(StudyDocument document, IEnumerable<ArmTarget> targets, IEnumerable<CodeMeasure> codeMeasures)
    {
        _document = document;
        _targets = targets.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());
        _codeMeasures = codeMeasures.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.First());
    }

    public static BoundStudy Build(StudyDocument document, string @namespace, IEnumerable<ArmTarget> targets, IEnumerable<CodeMeasure> codeMeasures) =>
        new StudyBuilder(document, targets, codeMeasures).Build(@namespace);

    BoundStudy Build(string @namespace)
    {
        _diagnostics.AddRange(_document.Diagnostics);
        var parserWarnings = new List<DiagnosticInfo>();
        if (StudyParser.Parse(_document.Root, _diagnostics, parserWarnings) is not { } study) return Done(null, parserWarnings);
        _dataSeeds = study.DataSeeds;

        var budgets = study.Budgets;
        var arms = Arms(study, budgets.ToList());
        var measures = Measures(study.Measures);

        var armLabels = arms.Select(a => a.Label).ToList();
        var plots = Plots(study.Plots, measures);
        var controls = Checks(study.Controls, armLabels, measures, controlIds: null);
        var claims = Checks(study.Claims, armLabels, measures, controlIds: controls.Select(c => c.Id).ToList());

        bool needsInterval = controls.Concat(claims).Any(c => c.Operator != "==" && ArmsOf(c).Any(a => arms.First(x => x.Label == a).Train));
        foreach (var (budgetSeeds, span, what) in new[] { (study.Seeds, study.SeedsSpan, "the study") }
                     .Concat(budgets.Where(b => b.Spec.Seeds is not null).Select(b => (b.Spec.Seeds!.Value.ToArray(), study.BudgetsSpan!, $"budget '{b.Spec.Name}'"))))
        {
            if (needsInterval && budgetSeeds.Distinct().Count() < 2)
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.TooFewSeeds, span, what, budgetSeeds.Distinct().Count().ToString(CultureInfo.InvariantCulture)));
        }
        // Over replicated texts the interval is over the texts' means: it needs two texts.
        if (needsInterval && study.DataSeeds is { } dataSeeds && dataSeeds.Distinct().Count() < 2)
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.TooFewSeeds, study.DataSeedsSpan!, "data_seeds",
                dataSeeds.Distinct().Count().ToString(CultureInfo.InvariantCulture)));

        if (study.Name is not { } name || study.ClassName is not { } className || _diagnostics.Count > 0) return Done(null, parserWarnings);
        var codeMeasures = measures.Where(_codeMeasures.ContainsKey).Select(m => _codeMeasures[m]).ToEquatableArray();
        var declared = _document.Class;
        return Done(new StudySpec(declared?.Namespace ?? @namespace, declared?.Name ?? className + "Study", name, study.Description, study.Seeds.ToEquatableArray(),
            arms.ToEquatableArray(), measures.ToEquatableArray(), controls.ToEquatableArray(), claims.ToEquatableArray(),
            budgets.Select(b => b.Spec).ToEquatableArray(), codeMeasures)
        {
            DeclaredInCSharp = declared is not null, Plots = plots.ToEquatableArray(), Multiplicity = study.Multiplicity, DataSeeds = study.DataSeeds?.ToEquatableArray(),
        }, parserWarnings);
    }

    /// <summary>Run metrics measured on the untrained model (<c>@init</c>): the held-out loss and the eval.metrics figures.</summary>
    public static readonly string[] InitMetrics = MeasureCatalog.InitFigures.ToArray();

    /// <summary>Why <c>metric@init[arm]</c> has no value; empty when it has one.</summary>
    string InitProblem(MetricRef reference) =>
        System.Array.IndexOf(InitMetrics, reference.Metric) < 0
            ? $"'{reference.Metric}@init' has no value before training; @init takes the held-out loss and the eval.metrics figures ({string.Join(", ", InitMetrics)})"
            : _untrained.Contains(reference.Arm)
                ? $"arm '{reference.Arm}' is only built (train: false), so it reads no held-out text to measure @init on"
                : "";

    /// <summary>The arms that are only built, never trained.</summary>
    readonly HashSet<string> _untrained = [];

    /// <summary>The declared data seeds; null when the study replicates one text.</summary>
    int[]? _dataSeeds;

    /// <summary>The study, with the problems found in it: errors, then the warnings of binding and of reading.</summary>
    BoundStudy Done(StudySpec? spec, List<DiagnosticInfo> parserWarnings) =>
        new(spec, _diagnostics.Concat(_warnings).Concat(parserWarnings).Distinct().ToEquatableArray());

    /// <summary>Diagnostics that do not stop the study from being emitted.</summary>
    readonly List<DiagnosticInfo> _warnings = new();

    /// <summary>Reads the parts of a decoding arm that are read only once the arm it decodes from is known.</summary>
    StudyParser Reader => StudyParser.ReportingTo(_diagnostics, _warnings);

    static HashSet<string> ListedMetrics(RecordValue config) =>
        new((config.ValueOf("eval") as RecordValue)?.ValueOf("metrics") is ListValue list
            ? list.Items.Select(item => item switch { StringValue text => text.Value, EnumValue choice => choice.Choice, _ => "" })
            : System.Array.Empty<string>());

    /// <summary>The <c>eval.metrics</c> name a check's figure needs when the arm does not list it; null when it is recorded.</summary>
    string? Unlisted(MetricRef reference) =>
        _listedMetrics.TryGetValue(reference.Arm, out var listed)
            ? ExperimentSchema.MetricFigures.Where(m => m.Value.Contains(reference.Metric)).Select(m => m.Key).FirstOrDefault(name => !listed.Contains(name))
            : null;

    static IEnumerable<string> ArmsOf(CheckSpec check) => check.Value.References.Select(r => r.Arm).Distinct();

    /// <summary>When a measure a check names takes its values: a study measure's or a built-in figure's descriptor; null for other run figures.</summary>
    MeasureTime? WhenOf(string metric) =>
        _codeMeasures.TryGetValue(metric, out var code) ? code.Descriptor.When
        : MeasureCatalog.BuiltIn.FirstOrDefault(m => m.AllFigures.Contains(metric))?.When;

    /// <summary>Why a reference to <paramref name="reference"/>'s value has none: a measure taken once has no validation series.</summary>
    string SeriesProblem(MetricRef reference, bool correlation) => WhenOf(reference.Metric) switch
    {
        MeasureTime.FinishedRun => correlation
            ? "a correlation needs a validation series; a [StudyMeasure] has only a final value"
            : "a [StudyMeasure] has only a final value",
        MeasureTime.EndOfTraining => $"'{reference.Metric}' is measured once, at the end of training: it has only a final value"
                                     + (correlation ? ", and a correlation needs a validation series" : ""),
        _ => "",
    };

    List<ArmSpec> Arms(StudyDeclaration study, List<BudgetDeclaration> budgetOverrides)
    {
        CheckBudgetArms(study, budgetOverrides);
        (RecordValue Data, string Label)? shared = null;
        var trained = new Dictionary<string, (ArmTarget Target, EquatableArray<MappingEntry> Set, bool Train)>();
        var specs = new Dictionary<string, ArmSpec>();
        foreach (var arm in study.Arms)
        {
            if (arm.Experiment is not { } experiment) continue;
            if (!_targets.TryGetValue(experiment, out var target))
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownStudyExperiment, arm.Body.Find("experiment")!.Value.Span, arm.Entry.Key, experiment,
                    DidYouMean.Suffix(experiment, _targets.Keys)));
                continue;
            }
            var config = BindArm(arm.Entry, target, arm.Set, budgetOverrides, arm.Entry.Key);
            if (config is not null && arm.Train) _listedMetrics[arm.Entry.Key] = ListedMetrics(config);
            if (config is not null && arm.Train) shared = CheckSharedData(arm.Entry, config, shared);
            trained[arm.Entry.Key] = (target, arm.Set, arm.Train);
            if (!arm.Train) _untrained.Add(arm.Entry.Key);
            specs[arm.Entry.Key] = new ArmSpec(arm.Entry.Key, experiment, arm.Set.Select(StudyParser.OverrideText).ToEquatableArray(), arm.Train);
        }
        var decodingArms = new HashSet<string>(study.DecodingArms.Select(a => a.Entry.Key));
        foreach (var arm in study.DecodingArms)
            if (DecodingArm(arm.Entry, arm.Body, arm.Decodes, trained, decodingArms, budgetOverrides) is { } spec)
                specs[arm.Entry.Key] = spec;
        return [.. study.ArmOrder.Where(specs.ContainsKey).Select(label => specs[label])];
    }

    /// <summary>
    /// An arm that decodes from another arm's trained model (its checkpoint at each replicate seed) instead of training:
    /// it names a trained arm, changes nothing but decode keys, and declares at most one decoder (its measures describe
    /// one decoder's text; none means the corpus's own text).
    /// </summary>
    ArmSpec? DecodingArm(MappingEntry arm, MappingNode body, MappingEntry decodes, Dictionary<string, (ArmTarget Target, EquatableArray<MappingEntry> Set, bool Train)> trained,
        HashSet<string> decodingArms, List<BudgetDeclaration> budgetOverrides)
    {
        int before = _diagnostics.Count;
        void Problem(SourceSpan span, string problem) => _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidDecodingArm, span, arm.Key, problem));
        foreach (string key in new[] { "experiment", "train" })
            if (body.Find(key) is { } entry)
                Problem(entry.KeySpan, $"it takes its experiment from the arm it decodes from and never trains, so it has no '{key}'");
        string? source = Reader.OptionalText(body, DecodesKey);
        if (source is null) return null;
        if (!trained.TryGetValue(source, out var from))
        {
            Problem(decodes.Value.Span, decodingArms.Contains(source)
                ? $"'{source}' decodes too and trains no model; name the arm that trains it"
                : $"'{source}' is not a trained arm of this study{DidYouMean.Suffix(source, trained.Keys)}");
            return null;
        }
        if (!from.Train)
        {
            Problem(decodes.Value.Span, $"'{source}' is only built (train: false), so it has no trained model to decode from");
            return null;
        }
        var set = body.Find("set") is { } setEntry ? Reader.Overrides(setEntry, "arms." + arm.Key + ".set") : EquatableArray<MappingEntry>.Empty;
        foreach (var entry in set)
            if (entry.Key.Split('.')[0] != "decode")
                Problem(entry.KeySpan, $"'{entry.Key}' changes more than decoding; it reuses the checkpoint of '{source}', so it may set only decode keys (decode, decode.<kind>.<key>)");
        if (_diagnostics.Count > before) return null;
        var config = BindArm(arm, from.Target, new EquatableArray<MappingEntry>([.. from.Set, .. set]), budgetOverrides, source);
        if (config is null) return null;
        int decoders = config.ValueOf("decode") is ListValue list ? list.Items.Count : 0;
        if (decoders > 1)
        {
            Problem(body.Find("set")?.KeySpan ?? arm.KeySpan, $"it declares {decoders} decoders, but its measures describe one decoder's text; set decode to a list of one");
            return null;
        }
        _listedMetrics[arm.Key] = ListedMetrics(config);
        return new ArmSpec(arm.Key, from.Target.Name, set.Select(StudyParser.OverrideText).ToEquatableArray(), Train: true) { DecodesFrom = source };
    }

    List<PlotSpec> Plots(IReadOnlyList<PlotDeclaration> plots, List<string> measures)
    {
        var result = new List<PlotSpec>();
        foreach (var plot in plots)
        {
            string? Axis(ScalarNode? axis)
            {
                if (axis is null || measures.Contains(axis.Text)) return axis?.Text;
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownMeasure, axis.Span, axis.Text, "not under the study's measures", DidYouMean.Suffix(axis.Text, measures)));
                return null;
            }
            string? x = Axis(plot.X), y = Axis(plot.Y);
            if (x is not null && y is not null) result.Add(new PlotSpec(plot.Name, x, y));
        }
        return result;
    }

    /// <summary>
    /// A budget's <c>arms</c> name trained arms of this study, each once; a decoding arm takes the overrides of the arm it
    /// decodes from (it reuses that arm's checkpoint), so it is not named there.
    /// </summary>
    void CheckBudgetArms(StudyDeclaration study, List<BudgetDeclaration> budgets)
    {
        var trained = new HashSet<string>(study.Arms.Select(a => a.Entry.Key));
        var decoding = study.DecodingArms.ToDictionary(a => a.Entry.Key, a => a.Decodes.Value is ScalarNode s ? s.Text : "");
        foreach (var budget in budgets)
        foreach (var arm in budget.Arms)
        {
            string where = "budgets." + budget.Spec.Name + ".arms";
            if (decoding.TryGetValue(arm.Entry.Key, out string? source))
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidDecodingArm, arm.Entry.KeySpan, arm.Entry.Key,
                    $"it reuses the checkpoint of '{source}', so budget '{budget.Spec.Name}' cannot set its keys alone; set them on '{source}' under {where}"));
            else if (!trained.Contains(arm.Entry.Key))
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownArm, arm.Entry.KeySpan, arm.Entry.Key, where, DidYouMean.Suffix(arm.Entry.Key, trained)));
        }
    }

    /// <summary>
    /// Binds the arm's experiment with its overrides, and with each budget's (the budget's own, then those it sets for
    /// <paramref name="budgetArm"/>), exactly as the runtime will.
    /// </summary>
    RecordValue? BindArm(MappingEntry arm, ArmTarget target, EquatableArray<MappingEntry> set, List<BudgetDeclaration> budgetOverrides, string budgetArm)
    {
        var (read, _) = YamlDeclarationReader.Read("experiment '" + target.Name + "'", target.Declaration);
        if (read is not MappingNode declared) return null;
        RecordValue? first = null;
        var budgets = budgetOverrides.Select(b => b.Set.Concat(b.Arms.Where(a => a.Entry.Key == budgetArm).SelectMany(a => a.Set)).ToList())
            .DefaultIfEmpty([]);
        foreach (var budget in budgets)
        {
            // The experiment's own old spellings are its build's to report.
            var tree = FormerKeys.Normalize(TreeMerge.Without(declared, ExperimentSchema.VariantsKey, ExperimentSchema.SweepKey), []);
            foreach (var entry in set.Concat(budget))
            {
                string path = FormerKeys.RenamePath(entry.Key, (former, current, where) =>
                    _warnings.Add(DiagnosticInfo.Create(DiagnosticCatalog.OldSpelling, entry.KeySpan, former, where, current, FormerKeys.Reason)));
                var (next, problem) = OverridePath.Apply(tree, path, entry.KeySpan, FormerKeys.Normalize(path, entry.Value, []));
                if (next is null)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.BadOverridePath, entry.KeySpan, "arm '" + arm.Key + "'", entry.Key, problem!));
                    return null;
                }
                tree = next;
            }
            var problems = new List<DiagnosticInfo>();
            var config = new ConfigBinder(problems).BindExperiment(tree);
            if (config is not null) ExperimentRules.Check(config, tree.Span, problems);
            // A problem the overrides caused inside the experiment's own text is shown at the arm.
            _diagnostics.AddRange(problems.Select(p => p.Span.Path == _document.Path ? p : p with { Span = arm.KeySpan }));
            if (problems.Count > 0) return null;
            first ??= config;
        }
        return first;
    }

    (RecordValue, string)? CheckSharedData(MappingEntry arm, RecordValue config, (RecordValue Data, string Label)? shared)
    {
        if (config.ValueOf("data") is not RecordValue data) return shared;
        if (data.ValueOf("seed") is not IntegerValue && _dataSeeds is null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.ArmsDoNotShareData, arm.KeySpan, arm.Key,
                "leaves data.seed unset, so each replicate seed would draw another text, tokenizer and splits; set data.seed"));
            return shared;
        }
        // The tokenizer may differ (a vocabulary grid, a tokenizer comparison): such arms read the same text, and the
        // measures that compare them score a text, not token ids.
        var evaluation = new RecordValue("", "evaluation", new EquatableArray<ConfigArgument>([
            // With data_seeds every run's data.seed is the replicate's data seed, whatever the arm's experiment declares.
            new ConfigArgument("data", "Data", data with { Arguments = data.Arguments.Where(a => a.Key != "train_tokens" && (_dataSeeds is null || a.Key != "seed")).ToEquatableArray() }),
        ]), null).WithoutSpans();
        if (shared is null) return (evaluation, arm.Key);
        if (!shared.Value.Data.Equals(evaluation))
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.ArmsDoNotShareData, arm.KeySpan, arm.Key,
                $"evaluates on other data than arm '{shared.Value.Label}' (its data differs beyond data.train_tokens); claims compare arms on one shared text"));
        return shared;
    }

    List<string> Measures(IReadOnlyList<ScalarNode> written)
    {
        var result = new List<string>();
        var known = RunMetrics.Concat(_codeMeasures.Keys).ToList();
        foreach (var scalar in written)
        {
            if (!known.Contains(scalar.Text))
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownMeasure, scalar.Span, scalar.Text,
                    "neither a run metric nor a [StudyMeasure] class of this project", DidYouMean.Suffix(scalar.Text, known)));
            else if (!result.Contains(scalar.Text)) result.Add(scalar.Text);
        }
        return result;
    }

    /// <summary>The checks whose references name declared arms and measures; <paramref name="controlIds"/> (claims only) the controls that hold.</summary>
    List<CheckSpec> Checks(IReadOnlyList<CheckDeclaration> declared, List<string> arms, List<string> measures, List<string>? controlIds)
    {
        var result = new List<CheckSpec>();
        foreach (var item in declared)
        {
            var needs = new List<string>();
            foreach (var need in item.Needs)
            {
                if (need is ScalarNode { IsNull: false } n && controlIds!.Contains(n.Text)) needs.Add(n.Text);
                else _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownControl, need.Span, item.Id,
                    need is ScalarNode sn ? sn.Text : ConfigBinder.Describe(need), DidYouMean.Suffix(need is ScalarNode x ? x.Text : "", controlIds!)));
            }
            if (item.Check is not { } parsed) continue;
            var (check, term) = (parsed.Source, parsed.Term);
            int before = _diagnostics.Count;
            var found = new List<DiagnosticInfo>();
            foreach (var reference2 in term.References)
            {
                if (!arms.Contains(reference2.Arm))
                    found.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownArm, At(check, ArmAt(check.Text, reference2.Arm)),
                        reference2.Arm, item.Id, DidYouMean.Suffix(reference2.Arm, arms)));
                // A correlation or a validation value reads the series; a study measure has no @init value either.
                bool readsSeries = term.Kind == "corr" || reference2.Value is not ("Final" or "Init");
                bool studyMeasureAtInit = reference2.Value == "Init" && _codeMeasures.ContainsKey(reference2.Metric);
                string seriesProblem = readsSeries || studyMeasureAtInit ? SeriesProblem(reference2, term.Kind == "corr") : "";
                string metricProblem = seriesProblem.Length > 0 ? seriesProblem
                        : !measures.Contains(reference2.Metric) ? "not under the study's measures"
                        : reference2.Value == "Init" ? InitProblem(reference2)
                        : "";
                // An @init problem is the reference's, not the name's: shown where that reference is written, without a suggestion.
                bool initProblem = measures.Contains(reference2.Metric) && reference2.Value == "Init";
                int metricAt = initProblem
                    ? check.Text.IndexOf(reference2.Metric + "@" + CheckParser.InitKind + "[" + reference2.Arm, System.StringComparison.Ordinal)
                    : check.Text.IndexOf(reference2.Metric, System.StringComparison.Ordinal);
                if (metricProblem.Length > 0)
                    found.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownMeasure, At(check, System.Math.Max(0, metricAt)),
                        reference2.Metric, metricProblem, measures.Contains(reference2.Metric) ? "" : DidYouMean.Suffix(reference2.Metric, measures)));
                else if (Unlisted(reference2) is { } listing)
                    found.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownMeasure, At(check, ArmAt(check.Text, reference2.Arm)),
                        reference2.Metric, $"arm '{reference2.Arm}' does not list '{listing}' in eval.metrics, so its runs never record it", ""));
            }
            // A slope reads each metric at every arm: one problem is told once.
            _diagnostics.AddRange(found.Distinct());
            if (_diagnostics.Count == before)
                result.Add(new CheckSpec(item.Id, item.Text, item.Reference, check.Text, term, parsed.Operator, parsed.Line, needs.ToEquatableArray(), item.Kind));
        }
        return result;
    }

    /// <summary>Where an arm label is written in a check: inside its own brackets, or in a slope's list of arms.</summary>
    static int ArmAt(string check, string arm)
    {
        int alone = check.IndexOf("[" + arm + "]", System.StringComparison.Ordinal);
        if (alone >= 0) return alone + 1;
        int list = check.LastIndexOf(")[", System.StringComparison.Ordinal);
        int inList = list < 0 ? -1 : check.IndexOf(arm, list, System.StringComparison.Ordinal);
        return System.Math.Max(0, inList);
    }

    /// <summary>The place <paramref name="offset"/> characters into a one-line check (a quoted scalar starts one column later).</summary>
    internal static SourceSpan At(ScalarNode check, int offset)
    {
        var span = check.Span;
        if (span.Line != span.EndLine) return span;
        int shift = offset + (check.Quoted ? 1 : 0);
        return new SourceSpan(span.Path, span.Start + shift, 1, span.Line, span.Column + shift, span.Line, span.Column + shift + 1);
    }
}
