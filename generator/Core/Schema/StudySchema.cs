namespace DslRunner.Generator.Schema;

/// <summary>
/// Every key of a study declaration (<c>*.study.yaml</c>), section by section, with what its value must be and the
/// closed choices: the study builder checks keys against it and <see cref="StudySchemaWriter"/> writes the JSON Schema
/// for editors from it.
/// </summary>
public static class StudySchema
{
    public const string StudyKey = "study";
    /// <summary>The study key naming the rule the findings are judged under together.</summary>
    public const string MultiplicityKey = "multiplicity";
    /// <summary>The study key replicating the text: every trained arm × seed runs once per data seed.</summary>
    public const string DataSeedsKey = "data_seeds";
    /// <summary>The arm key naming the trained arm whose model a decoding arm decodes from.</summary>
    public const string DecodesKey = "decodes";

    /// <summary>The multiplicity rules a study may declare (the runtime's <c>MultiplicityRule</c>, lower-cased).</summary>
    public static readonly ChoiceType Multiplicity = new("multiplicity rule", null,
    [
        new("holm", "holm", "Holm's step-down rule over the study's findings (the default)"),
        new("bonferroni", "bonferroni", "A verdict is kept when p·m ≤ 0.025"),
        new("none", "none", "Every verdict its own interval gives, uncorrected"),
    ]);

    /// <summary>What a claim is: a finding (can go either way) or a mechanism (true by construction when the code works).</summary>
    public static readonly ChoiceType ClaimKind = new("kind of claim", null,
    [
        new("finding", "finding", "Could go either way; judged under the multiplicity rule (the default)"),
        new("mechanism", "mechanism", "True by construction when the code works; checks the code"),
    ]);

    /// <summary>Which value of a metric a check reads when its reference names none (<c>metric@kind[arm]</c> names one).</summary>
    public static readonly ChoiceType ValueKind = new("value of a metric", null,
    [
        new("final", "final", "The test split's value after training (the default)"),
        new("last", "last", "The last validation value"),
        new("min", "min", "The lowest validation value"),
        new("max", "max", "The highest validation value"),
        new("start", "start", "The first validation value, after eval_every steps"),
        new("init", "init", "The model before its first step, on the test split"),
    ]);

    static readonly ListType Seeds = new(new IntegerType(0), "int", 1);
    static SectionKey Text(string key, string description, bool required = false) => new(key, StringType.Instance, description, required);

    public static readonly SectionType Arm = new("arm", "An experiment, variant or sweep point by name, plus overrides",
    [
        Text("experiment", "The experiment, variant or sweep point it runs"),
        new("set", OverridesType.Instance, "Overrides of the experiment's keys: dotted path → value"),
        new("train", BooleanType.Instance, "false: the model is only built, never trained (checks with == on its counts)"),
        Text(DecodesKey, "A trained arm whose model this arm decodes from instead of training; it may set only decode keys"),
    ]);

    public static readonly SectionType Control = new("control", "A precondition that could fail; a claim that needs it is not testable here when it does not hold",
    [
        Text("text", "What the control says"),
        Text("check", "e.g. bits_per_byte[ce] - unigram_bits_per_byte[ce] < 0", required: true),
        new("value", ValueKind, "The value of each metric the check reads unless it names one"),
    ]);

    public static readonly SectionType Claim = new("claim", "A claim checked against the arms' measures, with its interval and verdict",
    [
        Text("text", "The claim in words"),
        Text("source", "Where the claim is made"),
        new("seed", StringType.Instance, "Where the claim is made (its first spelling)", FormerOf: "source"),
        new("kind", ClaimKind, "finding or mechanism"),
        Text("check", "metric@final|last|min|max|start|stepN|init[arm], e.g. capacity[cap] - capacity[ce] > 0.05", required: true),
        new("value", ValueKind, "The value of each metric the check reads unless it names one"),
        new("needs", new OneOrListType(StringType.Instance), "Controls that must hold for the claim to be testable here"),
    ]);

    /// <summary>One arm's overrides at one budget: what differs for that arm only (a context that holds as many bytes on this budget's text).</summary>
    public static readonly SectionType BudgetArm = new("budget arm", "Overrides of one trained arm's keys at this budget, applied after the budget's own",
    [
        new("set", OverridesType.Instance, "Overrides of this arm's keys at this budget (its decoding arms inherit them)", Required: true),
    ]);

    public static readonly SectionType Budget = new("budget", "A named budget (quick, full): seeds and overrides for every arm",
    [
        new("seeds", Seeds, "Replicate seeds at this budget; the study's own when left out"),
        new("set", OverridesType.Instance, "Overrides of every arm's keys at this budget"),
        new("arms", new NamedSectionsType(BudgetArm, "a mapping of trained arm labels to { set: overrides }"), "Overrides of single arms at this budget, after its set"),
        Text("runtime", "Its expected runtime, documented (needed by every budget but quick)"),
    ]);

    public static readonly SectionType Plot = new("plot", "A figure of one measure against another over the arms",
    [
        Text("x", "The measure on the x axis", required: true),
        Text("y", "The measure on the y axis", required: true),
    ]);

    public static readonly SectionType Study = new("a study", "A study: arms, measures, controls and claims checked over replicate seeds",
    [
        Text(StudyKey, "Unique name; the C# class name derives from it", required: true),
        Text("description", "One line for listings and reports"),
        new("seeds", Seeds, "Replicate seeds, paired across arms (default 1, 2, 3)"),
        new(DataSeedsKey, Seeds, "Replicate the text too: every trained arm × seed × data seed is a run"),
        new(MultiplicityKey, Multiplicity, "How the findings are judged together"),
        new("arms", new NamedSectionsType(Arm, "a mapping of arm labels to experiments", minimumCount: 1), "The experiments it compares", Required: true),
        new("measures", new ListType(StringType.Instance, "string", 0), "Run metrics, or C# classes marked [StudyMeasure(\"name\")]", Required: true),
        new("controls", new NamedSectionsType(Control, "a mapping of names to checks"), "Preconditions that could fail"),
        new("claims", new NamedSectionsType(Claim, "a mapping of names to checks"), "The claims, each checked"),
        new("budgets", new NamedSectionsType(Budget, "a mapping of budget names (quick, full) to settings"), "Named budgets; quick is the default"),
        new("plots", new NamedSectionsType(Plot, "a mapping of plot names to { x: measure, y: measure }"), "Figures of one measure against another"),
    ]);
}
