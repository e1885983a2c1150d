using DslRunner.Statistics;
using DslRunner.Runs;

namespace DslRunner.Studies;

/// <summary>
/// A declared study as the generator emits it from a <c>*.study.yaml</c> file: arms, replicate seeds, measures,
/// controls, claims and budgets, every name already checked against the experiments and measures it uses.
/// </summary>
/// <param name="Name">The name the command line knows it by.</param>
/// <param name="Seeds">Replicate seeds at the quick budget; each arm runs once per seed, paired across arms by seed.</param>
/// <param name="Measures">What is measured, in report order: run metrics by name and the names of <paramref name="CodeMeasures"/>.</param>
/// <param name="CodeMeasures">The study-level measures written in C#, computed on each trained model.</param>
/// <param name="Plots">Declared plots of one measure against another, one point per arm.</param>
/// <param name="Multiplicity">How the findings are judged together (<c>multiplicity</c>; Holm's rule by default).</param>
/// <param name="DataSeeds">Replicated texts (<c>data_seeds</c>): each trained arm runs once per replicate seed and data
/// seed, with <c>data.seed</c> set to the data seed; null = the one text the arms' <c>data.seed</c> fixes.</param>
public sealed record StudyDefinition(
    string Name,
    string Description,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<StudyArm> Arms,
    IReadOnlyList<string> Measures,
    IReadOnlyList<StudyCheck> Controls,
    IReadOnlyList<StudyCheck> Claims,
    IReadOnlyList<StudyBudgetDeclaration> Budgets,
    IReadOnlyList<IStudyMeasure> CodeMeasures,
    IReadOnlyList<StudyPlot>? Plots = null,
    MultiplicityRule Multiplicity = MultiplicityRule.Holm,
    IReadOnlyList<int>? DataSeeds = null)
{
    public const string QuickBudget = "quick";

    /// <summary>True when a check reads a metric of the untrained model (<c>metric@init</c>): each run is then measured before training too.</summary>
    public bool MeasuresInit => Controls.Concat(Claims).SelectMany(c => c.Check.Value.Metrics).Any(m => m.Kind == ValueKind.Init);

    /// <summary>The budget named <paramref name="name"/>; every study has <c>quick</c> (the default).</summary>
    public StudyBudgetDeclaration Budget(string name) =>
        Budgets.FirstOrDefault(b => b.Name == name) ?? (name == QuickBudget
            ? new StudyBudgetDeclaration(QuickBudget, null, [], "")
            : throw new ArgumentException($"study '{Name}' declares no budget '{name}'; it has: {string.Join(", ", Budgets.Select(b => b.Name).Append(QuickBudget).Distinct())}"));
}

/// <summary>One arm: an experiment (or variant, or sweep point, by name) with overrides, under a label.</summary>
/// <param name="Experiment">The registry name, e.g. <c>seed000-capacity.ce</c>.</param>
/// <param name="Overrides"><c>key=value</c> overrides of the experiment's DSL keys, applied before the budget's.</param>
/// <param name="Train">False for an arm whose model is only built and measured (a parameter count), never trained.</param>
/// <param name="DecodesFrom">The trained arm whose model this arm decodes from at each replicate seed (its checkpoint, never
/// retrained); <paramref name="Overrides"/> are then decode keys only, applied after that arm's. Null for an arm that trains.</param>
public sealed record StudyArm(string Label, string Experiment, IReadOnlyList<string> Overrides, bool Train = true, string? DecodesFrom = null);

/// <summary>A declared plot: measure <paramref name="X"/> against measure <paramref name="Y"/>, one point per arm.</summary>
public sealed record StudyPlot(string Name, string X, string Y);

/// <summary>A named budget: replicate seeds and overrides applied to every arm, and its documented runtime.</summary>
/// <param name="Seeds">Replicate seeds at this budget; null = the study's.</param>
/// <param name="Runtime">The expected runtime in words, for the report and the listing.</param>
public sealed record StudyBudgetDeclaration(string Name, IReadOnlyList<int>? Seeds, IReadOnlyList<string> Overrides, string Runtime)
{
    /// <summary>Overrides of single trained arms at this budget, by label, applied after <see cref="Overrides"/>; an arm
    /// that decodes from one of them takes that arm's.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ArmOverrides { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Every override this budget applies to the trained arm <paramref name="label"/>: its own for all arms, then those for that arm.</summary>
    public IReadOnlyList<string> OverridesOf(string label) =>
        ArmOverrides.TryGetValue(label, out var own) ? [.. Overrides, .. own] : Overrides;
}

/// <summary>A claim or a control: a check on measured values, with the seed document it comes from.</summary>
/// <param name="Id">Its name in the declaration.</param>
/// <param name="Text">The claim in words.</param>
/// <param name="Reference">Where in a seed document the claim is made (e.g. <c>000 §4.1</c>); empty for controls.</param>
/// <param name="Source">The check as written.</param>
/// <param name="Needs">Controls that must hold for the verdict to mean anything.</param>
/// <param name="Kind">A finding (the default) or a mechanism: true by construction when the code works, checked in a table
/// of its own and never counted as a finding nor in the multiplicity family.</param>
public sealed record StudyCheck(string Id, string Text, string Reference, string Source, CheckExpression Check, IReadOnlyList<string> Needs,
    ClaimKind Kind = ClaimKind.Finding);

/// <summary>What a claim is.</summary>
public enum ClaimKind
{
    /// <summary>A result that could have gone either way.</summary>
    Finding,
    /// <summary>True by construction when the code works (an identity, what a loss term optimises): a check of the code.</summary>
    Mechanism,
}
