using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DslRunner.Generator.Diagnostics;

/// <summary>One experiment diagnostic: stable id, short title and message format ({0}, {1}, ... arguments).</summary>
/// <param name="IsWarning">The declaration still builds; every other entry refuses it.</param>
public sealed record DiagnosticEntry(string Id, string Title, string MessageFormat, bool IsWarning = false)
{
    public string Format(IEnumerable<string> arguments) =>
        string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments.Cast<object>().ToArray());
}

/// <summary>
/// The catalog of experiment diagnostics, free of Roslyn so the same messages serve the generator and the
/// runtime. IDs are stable: never renumber, only add.
/// </summary>
public static class DiagnosticCatalog
{
    public static readonly DiagnosticEntry InvalidYaml = new(
        "DSL0001", "Invalid YAML", "The file is not valid YAML: {0}");

    public static readonly DiagnosticEntry UnknownKey = new(
        "DSL0002", "Unknown key", "Unknown key '{0}' in {1}{2}");

    public static readonly DiagnosticEntry MissingKey = new(
        "DSL0003", "Missing required key", "{0} needs the key '{1}' ({2})");

    public static readonly DiagnosticEntry WrongType = new(
        "DSL0004", "Wrong value type", "'{0}' expects {1}, found {2}");

    public static readonly DiagnosticEntry OutOfRange = new(
        "DSL0005", "Value out of range", "'{0}' is {1}, but must be {2}");

    public static readonly DiagnosticEntry UnknownChoice = new(
        "DSL0006", "Unknown choice", "'{0}' is not a valid {1}; expected one of: {2}{3}");

    public static readonly DiagnosticEntry HeadsDoNotDivideWidth = new(
        "DSL0007", "d_model not divisible by heads", "d_model ({0}) must be divisible by heads ({1}); try heads: {2}");

    public static readonly DiagnosticEntry FractionsTooLarge = new(
        "DSL0008", "Held-out fractions too large", "validation ({0}) + test ({1}) = {2} leaves no training data; the sum must be below 1");

    public static readonly DiagnosticEntry VocabularyTooSmall = new(
        "DSL0009", "Vocabulary does not fit the tokenizer", "Vocabulary {0} does not fit a {1} tokenizer: {2}");

    public static readonly DiagnosticEntry DecoderNeedsFeature = new(
        "DSL0010", "Decoder needs a missing model feature", "Decoder '{0}' needs {1}, which the model kind '{2}' does not have");

    public static readonly DiagnosticEntry DuplicateExperimentName = new(
        "DSL0011", "Duplicate experiment name", "Experiment name '{0}' is also declared in {1}");

    public static readonly DiagnosticEntry DuplicateClassName = new(
        "DSL0012", "Experiment class name clash", "Experiment '{0}' maps to the class name '{1}', which {2}");

    public static readonly DiagnosticEntry BadOverridePath = new(
        "DSL0013", "Variant or sweep path does not exist", "{0} path '{1}' does not exist: {2}");

    public static readonly DiagnosticEntry ExtendsMissing = new(
        "DSL0014", "Extended file not found", "extends: '{0}' does not name an experiment file of this project (looked for {1})");

    public static readonly DiagnosticEntry ExtendsCycle = new(
        "DSL0015", "extends cycle", "extends forms a cycle: {0}");

    public static readonly DiagnosticEntry InvalidName = new(
        "DSL0016", "Invalid experiment name", "Experiment name '{0}' is invalid: {1}");

    public static readonly DiagnosticEntry EmptyList = new(
        "DSL0017", "Empty list", "'{0}' needs at least one entry");

    public static readonly DiagnosticEntry DuplicateKey = new(
        "DSL0018", "Duplicate key", "Key '{0}' appears more than once in {1}");

    public static readonly DiagnosticEntry StepsOutOfOrder = new(
        "DSL0019", "Steps out of order", "{0}");

    public static readonly DiagnosticEntry TiedHeadShape = new(
        "DSL0020", "Tied head needs matching sizes", "A tied output head needs embedding ({0}) == hidden ({1})");

    public static readonly DiagnosticEntry InvalidExperimentClass = new(
        "DSL0021", "Invalid [Experiment] class", "[Experiment] class '{0}' {1}");

    public static readonly DiagnosticEntry InvalidLossTermType = new(
        "DSL0022", "Invalid loss term type", "Loss term type '{0}' {1}");

    public static readonly DiagnosticEntry NotAMapping = new(
        "DSL0023", "Experiment is not a mapping", "{0} must be a mapping of keys to values; found {1}");

    public static readonly DiagnosticEntry MissingCorpusPath = new(
        "DSL0024", "Corpus needs a path", "corpus '{0}' needs data.path (a file, folder or glob)");

    public static readonly DiagnosticEntry InvalidVariantName = new(
        "DSL0025", "Invalid variant name", "Variant name '{0}' is invalid: {1}");

    public static readonly DiagnosticEntry SweepTooLarge = new(
        "DSL0026", "Sweep too large", "The sweep has {0} points, more than the limit of {1}; split it into several experiments");

    public static readonly DiagnosticEntry InvalidDecoderName = new(
        "DSL0027", "Invalid decoder name", "Decoder name '{0}' is invalid: {1}");

    public static readonly DiagnosticEntry DuplicateDecoderKey = new(
        "DSL0028", "Two decoders with one key",
        "Two decoders are keyed '{0}', so their metrics decode/{0}/... would collide; give {1} a distinct name (name: ...)");

    public static readonly DiagnosticEntry InvalidDecoderType = new(
        "DSL0029", "Invalid decoder type", "Decoder type '{0}' {1}");

    public static readonly DiagnosticEntry InvalidMetricType = new(
        "DSL0030", "Invalid metric type", "Metric type '{0}' {1}");

    public static readonly DiagnosticEntry DataBudget = new(
        "DSL0031", "Data budget is not one of tokens or bytes",
        "data {0}: declare exactly one budget, tokens (tokens of all splits together) or bytes (UTF-8 bytes of text, all splits together)");

    public static readonly DiagnosticEntry KeyOfAnotherCorpus = new(
        "DSL0032", "Key read only by another corpus", "data.{0} is read only by the {1} corpus; corpus '{2}' would ignore it: remove it or declare corpus: {1}");

    public static readonly DiagnosticEntry DecodersWithoutPrompts = new(
        "DSL0033", "Decoders without prompts",
        "{0} declared, but eval.prompts is empty: nothing is decoded, samples.json stays empty and no decode/ metrics are measured; add eval.prompts, e.g. [\"the \"]",
        IsWarning: true);

    public static readonly DiagnosticEntry UnwatchableStoppingMetric = new(
        "DSL0034", "Early stopping watches a figure not measured at every evaluation",
        "train.early_stopping.metric '{0}' is not measured at every evaluation{1}; expected one of: {2}");

    public static readonly DiagnosticEntry OddRotaryHeadSize = new(
        "DSL0035", "Rotary positions need an even head size", "positions: rope rotates pairs of a head's dimensions, so d_model / heads ({0} / {1} = {2}) must be even{3}");

    // Study declarations (*.study.yaml) number from DSL0050.
    public static readonly DiagnosticEntry UnknownArm = new(
        "DSL0050", "Unknown study arm", "'{0}' is not an arm of this study (in '{1}'){2}");

    public static readonly DiagnosticEntry UnknownStudyExperiment = new(
        "DSL0051", "Arm names an unknown experiment", "Arm '{0}': no experiment, variant or sweep point named '{1}' is declared in this project{2}");

    public static readonly DiagnosticEntry UnknownMeasure = new(
        "DSL0052", "Unknown measure", "'{0}' cannot be measured here: {1}{2}");

    public static readonly DiagnosticEntry InvalidCheck = new(
        "DSL0053", "Invalid check", "Check of '{0}': {1}");

    public static readonly DiagnosticEntry TooFewSeeds = new(
        "DSL0054", "Too few seeds for an interval", "{0} has {1} distinct seed(s), but its checks need an interval over seeds: declare at least 2 (3 or more to learn anything)");

    public static readonly DiagnosticEntry UnknownControl = new(
        "DSL0055", "Unknown control", "'{0}' needs the control '{1}', which the study does not declare{2}");

    public static readonly DiagnosticEntry ArmsDoNotShareData = new(
        "DSL0056", "Arm does not share the evaluation data", "Arm '{0}' {1}");

    public static readonly DiagnosticEntry DuplicateStudyName = new(
        "DSL0057", "Duplicate study name", "Study name '{0}' is also declared in {1}");

    public static readonly DiagnosticEntry InvalidStudyClass = new(
        "DSL0058", "Invalid [Study] class", "[Study] class '{0}' {1}");

    public static readonly DiagnosticEntry InvalidDecodingArm = new(
        "DSL0059", "Invalid decoding arm", "Arm '{0}' decodes from another arm's trained model: {1}");

    public static readonly DiagnosticEntry OldSpelling = new(
        "DSL0060", "Old key spelling", "'{0}' in {1} is read as '{2}'; write '{2}' ({3})", IsWarning: true);

    public static readonly DiagnosticEntry UnknownMultiplicityRule = new(
        "DSL0061", "Unknown multiplicity rule", "'{0}' is not a multiplicity rule; expected holm (the default), bonferroni or none{1}");

    public static readonly DiagnosticEntry DataSeedSetTwice = new(
        "DSL0062", "data.seed set beside data_seeds", "{0} sets data.seed, but the study's data_seeds set it for every run, so this value would never be used; remove one");

    public static readonly DiagnosticEntry MeasureNameClash = new(
        "DSL0063", "Measure name clash", "The measure '{0}' of {1} takes {2}, so a record could not tell them apart; give it a name of its own");

    static readonly Dictionary<string, DiagnosticEntry> byId = typeof(DiagnosticCatalog)
        .GetFields()
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticEntry>()
        .ToDictionary(entry => entry.Id);

    public static IEnumerable<DiagnosticEntry> All => byId.Values.OrderBy(entry => entry.Id);

    public static DiagnosticEntry ById(string id) => byId[id];
}
