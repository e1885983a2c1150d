using System.Collections.Generic;
using System.Linq;
using DslRunner.Generator.Binding;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Resolution;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Studies;

/// <summary>
/// Reads a study's tree (from a <c>*.study.yaml</c> file or a <c>[Study]</c> class) into a <see cref="StudyDeclaration"/>:
/// keys checked against <see cref="StudySchema"/>, values against their types and choices, checks parsed. What needs
/// the project (experiments, measures) is left to <see cref="StudyBuilder"/>.
/// </summary>
public sealed class StudyParser
{
    static readonly int[] DefaultSeeds = [1, 2, 3];

    readonly List<DiagnosticInfo> _diagnostics;
    readonly List<DiagnosticInfo> _warnings;

    StudyParser(List<DiagnosticInfo> diagnostics, List<DiagnosticInfo> warnings) => (_diagnostics, _warnings) = (diagnostics, warnings);

    /// <summary>The declaration, or null when the document has no tree; problems go to <paramref name="diagnostics"/>,
    /// and what does not stop the study (an old spelling) to <paramref name="warnings"/>.</summary>
    public static StudyDeclaration? Parse(MappingNode? root, List<DiagnosticInfo> diagnostics, List<DiagnosticInfo> warnings) =>
        root is null ? null : new StudyParser(diagnostics, warnings).Parse(root);

    StudyDeclaration Parse(MappingNode root)
    {
        CheckKeys(root, StudySchema.Study.KeyNames, "a study");

        string? name = RequiredText(root, StudySchema.StudyKey, "the study's name");
        string? className = null;
        if (name is not null)
        {
            string? problem = NameRules.Problem(name);
            className = ClassNames.FromName(name);
            if (problem is null && className is null) problem = "it needs at least one letter or digit to name a C# class";
            if (problem is not null)
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidName, root.Find(StudySchema.StudyKey)!.Value.Span, name, problem));
        }
        string description = OptionalText(root, "description") ?? "";
        var seedsEntry = root.Find("seeds");
        int[] seeds = seedsEntry is null ? DefaultSeeds : Seeds(seedsEntry) ?? DefaultSeeds;

        var dataSeedsEntry = root.Find(StudySchema.DataSeedsKey);
        int[]? dataSeeds = dataSeedsEntry is null ? null : Seeds(dataSeedsEntry, StudySchema.DataSeedsKey);
        string multiplicity = Multiplicity(root.Find(StudySchema.MultiplicityKey));

        var budgetsEntry = root.Find("budgets");
        var budgets = budgetsEntry is null ? [] : Budgets(budgetsEntry, dataSeeds);
        var (armOrder, arms, decodingArms) = Arms(root, dataSeeds);
        var measures = Measures(root);
        var plots = Plots(root.Find("plots"));
        var controls = Checks(root.Find("controls"), StudySchema.Control, isClaim: false);
        var claims = Checks(root.Find("claims"), StudySchema.Claim, isClaim: true);

        return new StudyDeclaration(root, name, className, description, seeds, seedsEntry?.Value.Span ?? root.Span, dataSeeds, dataSeedsEntry?.Value.Span,
            multiplicity, armOrder, arms, decodingArms, measures, plots, controls, claims, budgets, budgetsEntry?.Value.Span);
    }

    /// <summary>The declared rule, or the default (holm) after reporting a value that is not one.</summary>
    string Multiplicity(MappingEntry? entry)
    {
        if (entry is null) return "holm";
        if (entry.Value is ScalarNode { IsNull: false } scalar && StudySchema.Multiplicity.Find(scalar.Text) is not null) return scalar.Text;
        string found = entry.Value is ScalarNode { IsNull: false } text ? text.Text : ConfigBinder.Describe(entry.Value);
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownMultiplicityRule, entry.Value.Span, found,
            DidYouMean.Suffix(found.ToLowerInvariant(), StudySchema.Multiplicity.Choices.Select(c => c.Name))));
        return "holm";
    }

    /// <summary>An override of data.seed where data_seeds set it for every run: it would do nothing.</summary>
    void DataSeedOverride(EquatableArray<MappingEntry> set, string who, int[]? dataSeeds)
    {
        if (dataSeeds is null) return;
        foreach (var entry in set.Where(e => e.Key == "data.seed"))
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DataSeedSetTwice, entry.KeySpan, who));
    }

    /// <summary>A claim's source document under its old key <c>seed</c>, which reads like a random seed: read, with a warning.</summary>
    string? OldSeedSpelling(MappingNode body, string claim)
    {
        if (body.Find("seed") is not { } entry) return null;
        var former = StudySchema.Claim.Keys.First(k => k.Key == "seed");
        _warnings.Add(DiagnosticInfo.Create(DiagnosticCatalog.OldSpelling, entry.KeySpan, former.Key, "claim '" + claim + "'", former.FormerOf!,
            "it names the document a claim comes from, not a random seed"));
        return OptionalText(body, "seed");
    }

    (List<string> Order, List<ArmDeclaration> Arms, List<DecodingArmDeclaration> Decoding) Arms(MappingNode root, int[]? dataSeeds)
    {
        var order = new List<string>();
        var arms = new List<ArmDeclaration>();
        var decoding = new List<DecodingArmDeclaration>();
        var entry = root.Find("arms");
        if (entry is null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, root.Span, "A study", "arms", "the experiments it compares"));
            return (order, arms, decoding);
        }
        if (entry.Value is not MappingNode mapping || mapping.Entries.Count == 0)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, "arms", "a mapping of arm labels to experiments", ConfigBinder.Describe(entry.Value)));
            return (order, arms, decoding);
        }
        foreach (var arm in mapping.Entries)
        {
            order.Add(arm.Key);
            if (NamedBody(arm, "arms", "a mapping with 'experiment'", StudySchema.Arm.KeyNames, "arm") is not { } body || body.Find(StudySchema.DecodesKey) is not null) continue;
            string? experiment = RequiredText(body, "experiment", "the experiment, variant or sweep point it runs");
            bool train = body.Find("train") is not { } trainEntry || Boolean(trainEntry, "arms." + arm.Key + ".train");
            var set = body.Find("set") is { } setEntry ? Overrides(setEntry, "arms." + arm.Key + ".set") : EquatableArray<MappingEntry>.Empty;
            DataSeedOverride(set, "Arm '" + arm.Key + "'", dataSeeds);
            arms.Add(new ArmDeclaration(arm, body, experiment, train, set));
        }
        // A decoding arm is read whole by the builder, which checks it against the arms it may decode from.
        foreach (var arm in mapping.Entries)
            if (arm.Value is MappingNode body && body.Find(StudySchema.DecodesKey) is { } decodes)
                decoding.Add(new DecodingArmDeclaration(arm, body, decodes));
        return (order, arms, decoding);
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

    List<PlotDeclaration> Plots(MappingEntry? entry)
    {
        var result = new List<PlotDeclaration>();
        if (entry is null) return result;
        if (entry.Value is not MappingNode mapping)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, "plots", "a mapping of plot names to { x: measure, y: measure }", ConfigBinder.Describe(entry.Value)));
            return result;
        }
        foreach (var plot in mapping.Entries)
        {
            if (NamedBody(plot, "plots", "a mapping with x and y", StudySchema.Plot.KeyNames, "plot") is not { } body) continue;
            ScalarNode? Axis(string key)
            {
                if (body.Find(key) is null)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, plot.KeySpan, "Plot '" + plot.Key + "'", key, "the measure on its " + key + " axis"));
                    return null;
                }
                return OptionalText(body, key) is null ? null : (ScalarNode)body.Find(key)!.Value;
            }
            result.Add(new PlotDeclaration(plot.Key, Axis("x"), Axis("y")));
        }
        return result;
    }

    List<ScalarNode> Measures(MappingNode root)
    {
        var result = new List<ScalarNode>();
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
        foreach (var item in list.Items)
        {
            if (item is ScalarNode { IsNull: false } scalar) result.Add(scalar);
            else _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, item.Span, "measures", "a metric name", ConfigBinder.Describe(item)));
        }
        return result;
    }

    List<CheckDeclaration> Checks(MappingEntry? entry, SectionType schema, bool isClaim)
    {
        var result = new List<CheckDeclaration>();
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
            CheckKeys(body, schema.KeyNames, (isClaim ? "claim '" : "control '") + item.Key + "'");
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
            // A control has no needs (its key is refused above).
            IReadOnlyList<DeclarationNode> needs = isClaim && body.Find("needs") is { } needsEntry
                ? needsEntry.Value is SequenceNode s ? s.Items.ToList() : [needsEntry.Value]
                : [];
            result.Add(new CheckDeclaration(item.Key, text, reference, claimKind, needs, Check(item, body, section, isClaim, defaultKind)));
        }
        return result;
    }

    /// <summary>The parsed check, or null after reporting it missing, not text, or not a check.</summary>
    ParsedCheck? Check(MappingEntry item, MappingNode body, string section, bool isClaim, string defaultKind)
    {
        var checkEntry = body.Find("check");
        if (checkEntry?.Value is not ScalarNode { IsNull: false } check)
        {
            if (checkEntry is null)
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, item.KeySpan, (isClaim ? "Claim '" : "Control '") + item.Key + "'", "check", "e.g. capacity[a] - capacity[b] > 0.05"));
            else
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, checkEntry.Value.Span, section + "." + item.Key + ".check", "a check such as capacity[a] > 0.5", ConfigBinder.Describe(checkEntry.Value)));
            return null;
        }
        var (term, op, line, problem, offset) = CheckParser.Parse(check.Text, defaultKind);
        if (term is not null) return new ParsedCheck(check, term, op, line);
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidCheck, StudyBuilder.At(check, offset), item.Key, problem!));
        return null;
    }

    List<BudgetDeclaration> Budgets(MappingEntry entry, int[]? dataSeeds)
    {
        var result = new List<BudgetDeclaration>();
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
            CheckKeys(body, StudySchema.Budget.KeyNames, "budget '" + budget.Key + "'");
            var seeds = body.Find("seeds") is { } s ? Seeds(s) : null;
            var set = body.Find("set") is { } setEntry ? Overrides(setEntry, "budgets." + budget.Key + ".set") : EquatableArray<MappingEntry>.Empty;
            DataSeedOverride(set, "Budget '" + budget.Key + "'", dataSeeds);
            var arms = body.Find("arms") is { } armsEntry ? BudgetArms(armsEntry, budget.Key, dataSeeds) : [];
            string? runtime = OptionalText(body, "runtime");
            if (runtime is null && budget.Key != "quick")
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, budget.KeySpan, "Budget '" + budget.Key + "'", "runtime", "its expected runtime, documented"));
            var spec = new BudgetSpec(budget.Key, seeds?.ToEquatableArray(), set.Select(OverrideText).ToEquatableArray(), runtime ?? "")
            {
                Arms = arms.Select(a => new BudgetArmSpec(a.Entry.Key, a.Set.Select(OverrideText).ToEquatableArray())).ToEquatableArray(),
            };
            result.Add(new BudgetDeclaration(spec, set, arms.ToEquatableArray()));
        }
        return result;
    }

    /// <summary>A budget's <c>arms</c>: each arm label with the overrides it takes at this budget (the labels are checked by the binder).</summary>
    List<BudgetArmDeclaration> BudgetArms(MappingEntry entry, string budget, int[]? dataSeeds)
    {
        var result = new List<BudgetArmDeclaration>();
        string where = "budgets." + budget + ".arms";
        if (entry.Value is not MappingNode mapping)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, where, StudySchema.Budget.Keys.First(k => k.Key == "arms").Type.Expectation, ConfigBinder.Describe(entry.Value)));
            return result;
        }
        foreach (var arm in mapping.Entries)
        {
            if (arm.Value is not MappingNode body)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, arm.Value.Span, where + "." + arm.Key, "a mapping with set", ConfigBinder.Describe(arm.Value)));
                continue;
            }
            CheckKeys(body, StudySchema.BudgetArm.KeyNames, "budget '" + budget + "', arm '" + arm.Key + "'");
            if (body.Find("set") is not { } setEntry)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, arm.KeySpan, "Budget '" + budget + "', arm '" + arm.Key + "'", "set", "the overrides of this arm at this budget"));
                continue;
            }
            var set = Overrides(setEntry, where + "." + arm.Key + ".set");
            DataSeedOverride(set, "Budget '" + budget + "', arm '" + arm.Key + "'", dataSeeds);
            result.Add(new BudgetArmDeclaration(arm, set));
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

    /// <summary>Overrides as written: a mapping of dotted paths to values (a mapping value is reported and left out).</summary>
    public EquatableArray<MappingEntry> Overrides(MappingEntry entry, string path)
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
    public static string OverrideText(MappingEntry entry) => entry.Key + "=" + ValueText(entry.Value);

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
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, mapping.Span, key == StudySchema.StudyKey ? "A study" : "An arm", key, what));
            return null;
        }
        return OptionalText(mapping, key);
    }

    /// <summary>A key's text; null when it is absent or, reported, not text.</summary>
    public string? OptionalText(MappingNode mapping, string key)
    {
        var entry = mapping.Find(key);
        if (entry is null) return null;
        if (entry.Value is ScalarNode { IsNull: false } scalar) return scalar.Text;
        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, entry.Value.Span, key, "text", ConfigBinder.Describe(entry.Value)));
        return null;
    }

    /// <summary>A parser that reports into the builder's lists, for the parts of a decoding arm it reads once it knows the arm may decode.</summary>
    public static StudyParser ReportingTo(List<DiagnosticInfo> diagnostics, List<DiagnosticInfo> warnings) => new(diagnostics, warnings);
}
