using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslRunner.Generator.Binding;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Model;
using DslRunner.Generator.Resolution;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;
using DslRunner.Generator.Validation;
using DslRunner.Generator.Yaml;

namespace DslRunner.Generator.Studies;

/// <summary>
/// Checks one study declaration against the project's experiments and measures and turns it into a
/// <see cref="StudySpec"/>: arms bind (their overrides checked as variants are), checks parse and name only declared
/// arms, measures and controls, and every trained arm shares one evaluation text.
/// </summary>
public sealed class StudyBuilder
{
    public const string StudyKey = StudySchema.StudyKey;
    static readonly string[] TopKeys = StudySchema.Study.KeyNames;
    /// <summary>The study key naming the rule the findings are judged under together.</summary>
    public const string MultiplicityKey = StudySchema.MultiplicityKey;
    /// <summary>The study key replicating the text: every trained arm × seed runs once per data seed.</summary>
    public const string DataSeedsKey = StudySchema.DataSeedsKey;

    /// <summary>The multiplicity rules a study may declare (the runtime's <c>MultiplicityRule</c>, lower-cased).</summary>
    static readonly string[] MultiplicityRules = [.. StudySchema.Multiplicity.Choices.Select(c => c.Name)];
    static readonly string[] ArmKeys = StudySchema.Arm.KeyNames;
    static readonly string[] PlotKeys = StudySchema.Plot.KeyNames;
    /// <summary>The arm key naming the trained arm whose model a decoding arm decodes from.</summary>
    public const string DecodesKey = StudySchema.DecodesKey;
    static readonly string[] ClaimKeys = StudySchema.Claim.KeyNames;
    static readonly string[] ControlKeys = StudySchema.Control.KeyNames;
    static readonly string[] BudgetKeys = StudySchema.Budget.KeyNames;
    static readonly int[] DefaultSeeds = [1, 2, 3];

    /// <summary>Metrics every run records (validation and test) that checks may name.</summary>
    public static readonly string[] RunMetrics =
    [
        "loss", "sparsity", "parameters", "tokens_seen", "training_flops",
        .. ExperimentSchema.MetricFigures.Values.SelectMany(figures => figures),
    ];

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
        if (_document.Root is not { } root) return Done(null);
        CheckKeys(root, TopKeys, "a study");

        string? name = RequiredText(root, StudyKey, "the study's name");
        string? className = null;
        if (name is not null)
        {
            string? problem = NameRules.Problem(name);
            className = ClassNames.FromName(name);
            if (problem is null && className is null) problem = "it needs at least one letter or digit to name a C# class";
            if (problem is not null)
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidName, root.Find(StudyKey)!.Value.Span, name, problem));
        }
        string description = OptionalText(root, "description") ?? "";
        var seedsEntry = root.Find("seeds");
        int[] seeds = seedsEntry is null ? DefaultSeeds : Seeds(seedsEntry) ?? DefaultSeeds;

        var dataSeedsEntry = root.Find(DataSeedsKey);
        int[]? dataSeeds = dataSeedsEntry is null ? null : Seeds(dataSeedsEntry, DataSeedsKey);
        _dataSeeds = dataSeeds;
        string multiplicity = Multiplicity(root.Find(MultiplicityKey));

        var budgetsEntry = root.Find("budgets");
        var budgets = budgetsEntry is null ? new List<(BudgetSpec Spec, EquatableArray<MappingEntry> Set)>() : Budgets(budgetsEntry);
        var arms = Arms(root, budgets.Select(b => b.Set).ToList());
        var measures = Measures(root);

        var armLabels = arms.Select(a => a.Label).ToList();
        var plots = Plots(root.Find("plots"), measures);
        var controls = Checks(root.Find("controls"), ControlKeys, armLabels, measures, isClaim: false, controlIds: null);
        var claims = Checks(root.Find("claims"), ClaimKeys, armLabels, measures, isClaim: true, controlIds: controls.Select(c => c.Id).ToList());

        bool needsInterval = controls.Concat(claims).Any(c => c.Operator != "==" && ArmsOf(c).Any(a => arms.First(x => x.Label == a).Train));
        foreach (var (budgetSeeds, span, what) in new[] { (seeds, seedsEntry?.Value.Span ?? root.Span, "the study") }
                     .Concat(budgets.Where(b => b.Spec.Seeds is not null).Select(b => (b.Spec.Seeds!.Value.ToArray(), budgetsEntry!.Value.Span, $"budget '{b.Spec.Name}'"))))
        {
            if (needsInterval && budgetSeeds.Distinct().Count() < 2)
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.TooFewSeeds, span, what, budgetSeeds.Distinct().Count().ToString(CultureInfo.InvariantCulture)));
        }
        // Over replicated texts the interval is over the texts' means: it needs two texts.
        if (needsInterval && dataSeeds is not null && dataSeeds.Distinct().Count() < 2)
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.TooFewSeeds, dataSeedsEntry!.Value.Span, "data_seeds",
                dataSeeds.Distinct().Count().ToString(CultureInfo.InvariantCulture)));

        if (name is null || className is null || _diagnostics.Count > 0) return Done(null);
        var codeMeasures = measures.Where(_codeMeasures.ContainsKey).Select(m => _codeMeasures[m]).ToEquatableArray();
        var declared = _document.Class;
        return Done(new StudySpec(declared?.Namespace ?? @namespace, declared?.Name ?? className + "Study", name, description, seeds.ToEquatableArray(),
            arms.ToEquatableArray(), measures.ToEquatableArray(), controls.ToEquatableArray(), claims.ToEquatableArray(),
            budgets.Select(b => b.Spec).ToEquatableArray(), codeMeasures)
        {
            DeclaredInCSharp = declared is not null, Plots = plots.ToEquatableArray(), Multiplicity = multiplicity, DataSeeds = dataSeeds?.ToEquatableArray(),
        });
    }

    /// <summary>The declared rule, or the default (holm) after reporting a value that is not one.</summary>
    string Multiplicity(MappingEntry? entry)
    {
        if (entry is null) return "holm";
        if (entry.Value is ScalarNode { IsNull: false } scalar && System.Array.IndexOf(MultiplicityRules, scalar.Text) >= 0) return scalar.Text;
        string found = entry.Value is ScalarNode { IsNull: false } text ? text.Text : ConfigBinder.Describe(entry.Value);
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownMultiplicityRule, entry.Value.Span, found,
            DidYouMean.Suffix(found.ToLowerInvariant(), MultiplicityRules)));
        return "holm";
    }

    /// <summary>Run metrics measured on the untrained model (<c>@init</c>): the held-out loss and the eval.metrics figures.</summary>
    public static readonly string[] InitMetrics = ["loss", .. ExperimentSchema.MetricFigures.Values.SelectMany(figures => figures)];

    /// <summary>Why <c>metric@init[arm]</c> has no value; empty when it has one.</summary>
    string InitProblem(MetricRef reference) =>
        System.Array.IndexOf(InitMetrics, reference.Metric) < 0
            ? $"'{reference.Metric}@init' has no value before training; @init takes the held-out loss and the eval.metrics figures ({string.Join(", ", InitMetrics)})"
            : _untrained.Contains(reference.Arm)
                ? $"arm '{reference.Arm}' is only built (train: false), so it reads no held-out text to measure @init on"
                : "";

    /// <summary>The arms that are only built, never trained.</summary>
    readonly HashSet<string> _untrained = [];

    /// <summary>An override of data.seed where data_seeds set it for every run: it would do nothing.</summary>
    void DataSeedOverride(EquatableArray<MappingEntry> set, string who)
    {
        if (_dataSeeds is null) return;
        foreach (var entry in set.Where(e => e.Key == "data.seed"))
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DataSeedSetTwice, entry.KeySpan, who));
    }

    /// <summary>The declared data seeds; null when the study replicates one text.</summary>
    int[]? _dataSeeds;

    BoundStudy Done(StudySpec? spec) => new(spec, _diagnostics.Concat(_warnings).Distinct().ToEquatableArray());

    /// <summary>Diagnostics that do not stop the study from being emitted.</summary>
    readonly List<DiagnosticInfo> _warnings = new();

    /// <summary>A claim's source document under its old key <c>seed</c>, which reads like a random seed: read, with a warning.</summary>
    string? OldSeedSpelling(MappingNode body, string claim)
    {
        if (body.Find("seed") is not { } entry) return null;
        _warnings.Add(DiagnosticInfo.Create(DiagnosticCatalog.OldSpelling, entry.KeySpan, "seed", "claim '" + claim + "'", "source",
            "it names the document a claim comes from, not a random seed"));
        return OptionalText(body, "seed");
    }

    static HashSet<string> ListedMetrics(RecordValue config) =>
        new((config.ValueOf("eval") as RecordValue)?.ValueOf("metrics") is ListValue list
            ? list.Items.Select(item => item switch { StringValue text => text.Value, EnumValue choice => choice.Choice, _ => "" })
            : System.Array.Empty<string>());

    /// <summary>The <c>eval.metrics</c> name a check's figure needs when the arm does not list it; null when it is recorded.</summary>
    string? Unlisted(MetricRef reference) =>
        _listedMetrics.TryGetValue(reference.Arm, out var listed)
            ? ExperimentSchema.MetricFigures.Where(m => m.Value.Contains(reference.Metric)).Select(m => m.Key).FirstOrDefault(name => !listed.Contains(name))
            : null;

    static IEnumerable<string> ArmsOf(CheckSpec check) =>
        check.Value.Second is { } second ? new[] { check.Value.First.Arm, second.Arm } : new[] { check.Value.First.Arm };

    List<ArmSpec> Arms(MappingNode root, List<EquatableArray<MappingEntry>> budgetOverrides)
    {
        var result = new List<ArmSpec>();
        var entry = root.Find("arms");
        if (entry is null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, root.Span, "A study", "arms", "the experiments it compares"));
            return result;
        }
        if (entry.Value is not MappingNode mapping || mapping.Entries.Count == 0)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, "arms", "a mapping of arm labels to experiments", ConfigBinder.Describe(entry.Value)));
            return result;
        }
        (RecordValue Data, string Label)? shared = null;
        var trained = new Dictionary<string, (ArmTarget Target, EquatableArray<MappingEntry> Set, bool Train)>();
        var specs = new Dictionary<string, ArmSpec>();
        foreach (var arm in mapping.Entries)
        {
            if (NamedBody(arm, "arms", "a mapping with 'experiment'", ArmKeys, "arm") is not { } body || body.Find(DecodesKey) is not null) continue;
            string? experiment = RequiredText(body, "experiment", "the experiment, variant or sweep point it runs");
            bool train = body.Find("train") is not { } trainEntry || Boolean(trainEntry, "arms." + arm.Key + ".train");
            var set = body.Find("set") is { } setEntry ? Overrides(setEntry, "arms." + arm.Key + ".set") : EquatableArray<MappingEntry>.Empty;
            DataSeedOverride(set, "Arm '" + arm.Key + "'");
            if (experiment is null) continue;
            if (!_targets.TryGetValue(experiment, out var target))
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownStudyExperiment, body.Find("experiment")!.Value.Span, arm.Key, experiment,
                    DidYouMean.Suffix(experiment, _targets.Keys)));
                continue;
            }
            var config = BindArm(arm, target, set, budgetOverrides);
            if (config is not null && train) _listedMetrics[arm.Key] = ListedMetrics(config);
            if (config is not null && train) shared = CheckSharedData(arm, config, shared);
            trained[arm.Key] = (target, set, train);
            if (!train) _untrained.Add(arm.Key);
            specs[arm.Key] = new ArmSpec(arm.Key, experiment, set.Select(OverrideText).ToEquatableArray(), train);
        }
        var decodingArms = new HashSet<string>(mapping.Entries.Where(a => a.Value is MappingNode b && b.Find(DecodesKey) is not null).Select(a => a.Key));
        foreach (var arm in mapping.Entries)
            if (arm.Value is MappingNode body && body.Find(DecodesKey) is { } decodes && DecodingArm(arm, body, decodes, trained, decodingArms, budgetOverrides) is { } spec)
                specs[arm.Key] = spec;
        result.AddRange(mapping.Entries.Where(a => specs.ContainsKey(a.Key)).Select(a => specs[a.Key]));
        return result;
    }

    /// <summary>
    /// An arm that decodes from another arm's trained model (its checkpoint at each replicate seed) instead of training:
    /// it names a trained arm, changes nothing but decode keys, and declares at most one decoder (its measures describe
    /// one decoder's text; none means the corpus's own text).
    /// </summary>
    ArmSpec? DecodingArm(MappingEntry arm, MappingNode body, MappingEntry decodes, Dictionary<string, (ArmTarget Target, EquatableArray<MappingEntry> Set, bool Train)> trained,
        HashSet<string> decodingArms, List<EquatableArray<MappingEntry>> budgetOverrides)
    {
        int before = _diagnostics.Count;
        void Problem(SourceSpan span, string problem) => _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidDecodingArm, span, arm.Key, problem));
        foreach (string key in new[] { "experiment", "train" })
            if (body.Find(key) is { } entry)
                Problem(entry.KeySpan, $"it takes its experiment from the arm it decodes from and never trains, so it has no '{key}'");
        string? source = OptionalText(body, DecodesKey);
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
        var set = body.Find("set") is { } setEntry ? Overrides(setEntry, "arms." + arm.Key + ".set") : EquatableArray<MappingEntry>.Empty;
        foreach (var entry in set)
            if (entry.Key.Split('.')[0] != "decode")
                Problem(entry.KeySpan, $"'{entry.Key}' changes more than decoding; it reuses the checkpoint of '{source}', so it may set only decode keys (decode, decode.<kind>.<key>)");
        if (_diagnostics.Count > before) return null;
        var config = BindArm(arm, from.Target, new EquatableArray<MappingEntry>([.. from.Set, .. set]), budgetOverrides);
        if (config is null) return null;
        int decoders = config.ValueOf("decode") is ListValue list ? list.Items.Count : 0;
        if (decoders > 1)
        {
            Problem(body.Find("set")?.KeySpan ?? arm.KeySpan, $"it declares {decoders} decoders, but its measures describe one decoder's text; set decode to a list of one");
            return null;
        }
        _listedMetrics[arm.Key] = ListedMetrics(config);
        return new ArmSpec(arm.Key, from.Target.Name, set.Select(OverrideText).ToEquatableArray(), Train: true) { DecodesFrom = source };
    }

    /// <summary>A named entry's mapping (an arm, a plot), its name and keys checked; null after reporting what is wrong.</summary>
    MappingNode? NamedBody(MappingEntry entry, string section, string expectation, string[] keys, string what)
    {
        if (NameRules.Problem(entry.Key) is { } problem)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidVariantName, entry.KeySpan, entry.Key, problem));
            return null;
        }
        if (entry.Value is not MappingNode body)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, section + "." + entry.Key, expectation, ConfigBinder.Describe(entry.Value)));
            return null;
        }
        CheckKeys(body, keys, what + " '" + entry.Key + "'");
        return body;
    }

    List<PlotSpec> Plots(MappingEntry? entry, List<string> measures)
    {
        var result = new List<PlotSpec>();
        if (entry is null) return result;
        if (entry.Value is not MappingNode mapping)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, "plots", "a mapping of plot names to { x: measure, y: measure }", ConfigBinder.Describe(entry.Value)));
            return result;
        }
        foreach (var plot in mapping.Entries)
        {
            if (NamedBody(plot, "plots", "a mapping with x and y", PlotKeys, "plot") is not { } body) continue;
            string? Axis(string key)
            {
                if (body.Find(key) is null)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, plot.KeySpan, "Plot '" + plot.Key + "'", key, "the measure on its " + key + " axis"));
                    return null;
                }
                string? name = OptionalText(body, key);
                if (name is null || measures.Contains(name)) return name;
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownMeasure, body.Find(key)!.Value.Span, name, "not under the study's measures", DidYouMean.Suffix(name, measures)));
                return null;
            }
            string? x = Axis("x"), y = Axis("y");
            if (x is not null && y is not null) result.Add(new PlotSpec(plot.Key, x, y));
        }
        return result;
    }

    /// <summary>Binds the arm's experiment with its overrides, and with each budget's, exactly as the runtime will.</summary>
    RecordValue? BindArm(MappingEntry arm, ArmTarget target, EquatableArray<MappingEntry> set, List<EquatableArray<MappingEntry>> budgetOverrides)
    {
        var (read, _) = YamlDeclarationReader.Read("experiment '" + target.Name + "'", target.Declaration);
        if (read is not MappingNode declared) return null;
        RecordValue? first = null;
        foreach (var budget in budgetOverrides.DefaultIfEmpty(EquatableArray<MappingEntry>.Empty))
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

    List<string> Measures(MappingNode root)
    {
        var result = new List<string>();
        var entry = root.Find("measures");
        if (entry is null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, root.Span, "A study", "measures", "the metrics its checks use"));
            return result;
        }
        if (entry.Value is not SequenceNode list)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, "measures", "a list of metric names", ConfigBinder.Describe(entry.Value)));
            return result;
        }
        var known = RunMetrics.Concat(_codeMeasures.Keys).ToList();
        foreach (var item in list.Items)
        {
            if (item is not ScalarNode { IsNull: false } scalar)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, item.Span, "measures", "a metric name", ConfigBinder.Describe(item)));
                continue;
            }
            if (!known.Contains(scalar.Text))
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownMeasure, scalar.Span, scalar.Text,
                    "neither a run metric nor a [StudyMeasure] class of this project", DidYouMean.Suffix(scalar.Text, known)));
            else if (!result.Contains(scalar.Text)) result.Add(scalar.Text);
        }
        return result;
    }

    List<CheckSpec> Checks(MappingEntry? entry, string[] keys, List<string> arms, List<string> measures, bool isClaim, List<string>? controlIds)
    {
        var result = new List<CheckSpec>();
        if (entry is null) return result;
        string section = isClaim ? "claims" : "controls";
        if (entry.Value is not MappingNode mapping)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, section, "a mapping of names to checks", ConfigBinder.Describe(entry.Value)));
            return result;
        }
        foreach (var item in mapping.Entries)
        {
            if (item.Value is not MappingNode body)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, item.Value.Span, section + "." + item.Key, "a mapping with 'check'", ConfigBinder.Describe(item.Value)));
                continue;
            }
            CheckKeys(body, keys, (isClaim ? "claim '" : "control '") + item.Key + "'");
            string text = OptionalText(body, "text") ?? item.Key;
            string reference = isClaim ? OptionalText(body, "source") ?? OldSeedSpelling(body, item.Key) ?? "" : "";
            string claimKind = "finding";
            if (isClaim && body.Find("kind") is { } kindEntry)
            {
                string? kind = kindEntry.Value is ScalarNode k ? k.Text : null;
                if (kind is null || StudySchema.ClaimKind.Find(kind) is null)
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownChoice, kindEntry.Value.Span, kind ?? ConfigBinder.Describe(kindEntry.Value),
                        StudySchema.ClaimKind.Noun, StudySchema.ClaimKind.ChoiceList, ""));
                else claimKind = kind;
            }
            string defaultKind = "final";
            if (body.Find("value") is { } valueEntry)
            {
                string? kind = valueEntry.Value is ScalarNode v ? v.Text : null;
                if (kind is null || StudySchema.ValueKind.Find(kind) is null)
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownChoice, valueEntry.Value.Span, kind ?? ConfigBinder.Describe(valueEntry.Value),
                        StudySchema.ValueKind.Noun, StudySchema.ValueKind.ChoiceList, ""));
                else defaultKind = kind;
            }
            var needs = new List<string>();
            if (body.Find("needs") is { } needsEntry)
            {
                var items = needsEntry.Value is SequenceNode s ? s.Items.ToList() : new List<DeclarationNode> { needsEntry.Value };
                foreach (var need in items)
                {
                    if (need is ScalarNode { IsNull: false } n && controlIds!.Contains(n.Text)) needs.Add(n.Text);
                    else _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownControl, need.Span, item.Key,
                        need is ScalarNode sn ? sn.Text : ConfigBinder.Describe(need), DidYouMean.Suffix(need is ScalarNode x ? x.Text : "", controlIds!)));
                }
            }
            var checkEntry = body.Find("check");
            if (checkEntry?.Value is not ScalarNode { IsNull: false } check)
            {
                if (checkEntry is null)
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, item.KeySpan, (isClaim ? "Claim '" : "Control '") + item.Key + "'", "check", "e.g. capacity[a] - capacity[b] > 0.05"));
                else
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, checkEntry.Value.Span, section + "." + item.Key + ".check", "a check such as capacity[a] > 0.5", ConfigBinder.Describe(checkEntry.Value)));
                continue;
            }
            var (term, op, line, problem, offset) = CheckParser.Parse(check.Text, defaultKind);
            if (term is null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidCheck, At(check, offset), item.Key, problem!));
                continue;
            }
            int before = _diagnostics.Count;
            foreach (var reference2 in term.Second is null ? new[] { term.First } : new[] { term.First, term.Second })
            {
                if (!arms.Contains(reference2.Arm))
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownArm, At(check, check.Text.IndexOf("[" + reference2.Arm + "]", System.StringComparison.Ordinal) + 1),
                        reference2.Arm, item.Key, DidYouMean.Suffix(reference2.Arm, arms)));
                string metricProblem = term.Kind == "corr" && _codeMeasures.ContainsKey(reference2.Metric)
                    ? "a correlation needs a validation series; a [StudyMeasure] has only a final value"
                    : _codeMeasures.ContainsKey(reference2.Metric) && reference2.Value != "Final"
                        ? "a [StudyMeasure] has only a final value"
                        : !measures.Contains(reference2.Metric) ? "not under the study's measures"
                        : reference2.Value == "Init" ? InitProblem(reference2)
                        : "";
                // An @init problem is the reference's, not the name's: shown where that reference is written, without a suggestion.
                bool initProblem = measures.Contains(reference2.Metric) && reference2.Value == "Init";
                int metricAt = initProblem
                    ? check.Text.IndexOf(reference2.Metric + "@" + CheckParser.InitKind + "[" + reference2.Arm, System.StringComparison.Ordinal)
                    : check.Text.IndexOf(reference2.Metric, System.StringComparison.Ordinal);
                if (metricProblem.Length > 0)
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownMeasure, At(check, System.Math.Max(0, metricAt)),
                        reference2.Metric, metricProblem, initProblem ? "" : DidYouMean.Suffix(reference2.Metric, measures)));
                else if (Unlisted(reference2) is { } listing)
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownMeasure, At(check, check.Text.IndexOf("[" + reference2.Arm + "]", System.StringComparison.Ordinal) + 1),
                        reference2.Metric, $"arm '{reference2.Arm}' does not list '{listing}' in eval.metrics, so its runs never record it", ""));
            }
            if (_diagnostics.Count == before)
                result.Add(new CheckSpec(item.Key, text, reference, check.Text, term, op, line, needs.ToEquatableArray(), claimKind));
        }
        return result;
    }

    List<(BudgetSpec Spec, EquatableArray<MappingEntry> Set)> Budgets(MappingEntry entry)
    {
        var result = new List<(BudgetSpec Spec, EquatableArray<MappingEntry> Set)>();
        if (entry.Value is not MappingNode mapping)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, "budgets", "a mapping of budget names (quick, full) to settings", ConfigBinder.Describe(entry.Value)));
            return result;
        }
        foreach (var budget in mapping.Entries)
        {
            if (NameRules.Problem(budget.Key) is { } problem)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidVariantName, budget.KeySpan, budget.Key, problem));
                continue;
            }
            var body = budget.Value as MappingNode;
            if (body is null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, budget.Value.Span, "budgets." + budget.Key, "a mapping with seeds, set and runtime", ConfigBinder.Describe(budget.Value)));
                continue;
            }
            CheckKeys(body, BudgetKeys, "budget '" + budget.Key + "'");
            var seeds = body.Find("seeds") is { } s ? Seeds(s) : null;
            var set = body.Find("set") is { } setEntry ? Overrides(setEntry, "budgets." + budget.Key + ".set") : EquatableArray<MappingEntry>.Empty;
            DataSeedOverride(set, "Budget '" + budget.Key + "'");
            string? runtime = OptionalText(body, "runtime");
            if (runtime is null && budget.Key != "quick")
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, budget.KeySpan, "Budget '" + budget.Key + "'", "runtime", "its expected runtime, documented"));
            result.Add((new BudgetSpec(budget.Key, seeds?.ToEquatableArray(), set.Select(OverrideText).ToEquatableArray(), runtime ?? ""), set));
        }
        return result;
    }

    int[]? Seeds(MappingEntry entry, string key = "seeds")
    {
        if (entry.Value is SequenceNode list && list.Items.Count > 0)
        {
            var seeds = new List<int>();
            foreach (var item in list.Items)
            {
                if (item is ScalarNode { Quoted: false } scalar && ScalarText.TryParseInteger(scalar.Text, out long seed) && seed >= 0 && seed <= int.MaxValue)
                    seeds.Add((int)seed);
                else _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, item.Span, key, "an integer ≥ 0", ConfigBinder.Describe(item)));
            }
            return seeds.Count == list.Items.Count ? seeds.ToArray() : null;
        }
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, key, "a non-empty list of integer seeds", ConfigBinder.Describe(entry.Value)));
        return null;
    }

    EquatableArray<MappingEntry> Overrides(MappingEntry entry, string path)
    {
        if (entry.Value is MappingNode mapping)
        {
            foreach (var item in mapping.Entries)
                if (item.Value is MappingNode)
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, item.Value.Span, path + "." + item.Key,
                        "a value or a list of values (name a variant for larger changes)", ConfigBinder.Describe(item.Value)));
            return mapping.Entries.Where(e => e.Value is not MappingNode).ToEquatableArray();
        }
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, path, "a mapping of dotted paths to values", ConfigBinder.Describe(entry.Value)));
        return EquatableArray<MappingEntry>.Empty;
    }

    /// <summary>An override as the runtime's <c>key=value</c> text; the value is YAML, so a quoted string stays a string.</summary>
    static string OverrideText(MappingEntry entry) => entry.Key + "=" + ValueText(entry.Value);

    static string ValueText(DeclarationNode node) => node switch
    {
        ScalarNode { Quoted: true } s => "\"" + s.Text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        ScalarNode s => s.Text,
        SequenceNode list => "[" + string.Join(", ", list.Items.Select(ValueText)) + "]",
        MappingNode mapping => "{" + string.Join(", ", mapping.Entries.Select(e => e.Key + ": " + ValueText(e.Value))) + "}",
        _ => "",
    };

    bool Boolean(MappingEntry entry, string path)
    {
        if (entry.Value is ScalarNode { Quoted: false, Text: "true" or "false" } scalar) return scalar.Text == "true";
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, path, "true or false", ConfigBinder.Describe(entry.Value)));
        return true;
    }

    void CheckKeys(MappingNode mapping, string[] known, string where)
    {
        foreach (var entry in mapping.Entries)
            if (!known.Contains(entry.Key))
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownKey, entry.KeySpan, entry.Key, where, DidYouMean.Suffix(entry.Key, known)));
    }

    string? RequiredText(MappingNode mapping, string key, string what)
    {
        if (mapping.Find(key) is null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, mapping.Span, key == StudyKey ? "A study" : "An arm", key, what));
            return null;
        }
        return OptionalText(mapping, key);
    }

    string? OptionalText(MappingNode mapping, string key)
    {
        var entry = mapping.Find(key);
        if (entry is null) return null;
        if (entry.Value is ScalarNode { IsNull: false } scalar) return scalar.Text;
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, key, "text", ConfigBinder.Describe(entry.Value)));
        return null;
    }

    /// <summary>The place <paramref name="offset"/> characters into a one-line check (a quoted scalar starts one column later).</summary>
    static SourceSpan At(ScalarNode check, int offset)
    {
        var span = check.Span;
        if (span.Line != span.EndLine) return span;
        int shift = offset + (check.Quoted ? 1 : 0);
        return new SourceSpan(span.Path, span.Start + shift, 1, span.Line, span.Column + shift, span.Line, span.Column + shift + 1);
    }
}
