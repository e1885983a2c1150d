using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DslRunner.Generator.Diagnostics;

/// <summary>The catalog of experiment diagnostics. IDs are stable: never renumber, only add.</summary>
internal static class DiagnosticDescriptors
{
    const string Category = "DslRunner.Experiments";

    public static readonly DiagnosticDescriptor InvalidYaml = Error(
        "DSL0001", "Invalid YAML", "The file is not valid YAML: {0}");

    public static readonly DiagnosticDescriptor UnknownKey = Error(
        "DSL0002", "Unknown key", "Unknown key '{0}' in {1}{2}");

    public static readonly DiagnosticDescriptor MissingKey = Error(
        "DSL0003", "Missing required key", "{0} needs the key '{1}' ({2})");

    public static readonly DiagnosticDescriptor WrongType = Error(
        "DSL0004", "Wrong value type", "'{0}' expects {1}, found {2}");

    public static readonly DiagnosticDescriptor OutOfRange = Error(
        "DSL0005", "Value out of range", "'{0}' is {1}, but must be {2}");

    public static readonly DiagnosticDescriptor UnknownChoice = Error(
        "DSL0006", "Unknown choice", "'{0}' is not a valid {1}; expected one of: {2}{3}");

    public static readonly DiagnosticDescriptor HeadsDoNotDivideWidth = Error(
        "DSL0007", "d_model not divisible by heads", "d_model ({0}) must be divisible by heads ({1}); try heads: {2}");

    public static readonly DiagnosticDescriptor FractionsTooLarge = Error(
        "DSL0008", "Held-out fractions too large", "validation ({0}) + test ({1}) = {2} leaves no training data; the sum must be below 1");

    public static readonly DiagnosticDescriptor VocabularyTooSmall = Error(
        "DSL0009", "Vocabulary does not fit the tokenizer", "Vocabulary {0} does not fit a {1} tokenizer: {2}");

    public static readonly DiagnosticDescriptor DecoderNeedsFeature = Error(
        "DSL0010", "Decoder needs a missing model feature", "Decoder '{0}' needs {1}, which the model kind '{2}' does not have");

    public static readonly DiagnosticDescriptor DuplicateExperimentName = Error(
        "DSL0011", "Duplicate experiment name", "Experiment name '{0}' is also declared in {1}");

    public static readonly DiagnosticDescriptor DuplicateClassName = Error(
        "DSL0012", "Experiment class name clash", "Experiment '{0}' maps to the class name '{1}', which {2}");

    public static readonly DiagnosticDescriptor BadOverridePath = Error(
        "DSL0013", "Variant or sweep path does not exist", "{0} path '{1}' does not exist: {2}");

    public static readonly DiagnosticDescriptor ExtendsMissing = Error(
        "DSL0014", "Extended file not found", "extends: '{0}' does not name an experiment file of this project (looked for {1})");

    public static readonly DiagnosticDescriptor ExtendsCycle = Error(
        "DSL0015", "extends cycle", "extends forms a cycle: {0}");

    public static readonly DiagnosticDescriptor InvalidName = Error(
        "DSL0016", "Invalid experiment name", "Experiment name '{0}' is invalid: {1}");

    public static readonly DiagnosticDescriptor EmptyList = Error(
        "DSL0017", "Empty list", "'{0}' needs at least one entry");

    public static readonly DiagnosticDescriptor DuplicateKey = Error(
        "DSL0018", "Duplicate key", "Key '{0}' appears more than once in {1}");

    public static readonly DiagnosticDescriptor StepsOutOfOrder = Error(
        "DSL0019", "Steps out of order", "{0}");

    public static readonly DiagnosticDescriptor TiedHeadShape = Error(
        "DSL0020", "Tied head needs matching sizes", "A tied output head needs embedding ({0}) == hidden ({1})");

    public static readonly DiagnosticDescriptor InvalidExperimentClass = Error(
        "DSL0021", "Invalid [Experiment] class", "[Experiment] class '{0}' {1}");

    public static readonly DiagnosticDescriptor InvalidLossTermType = Error(
        "DSL0022", "Invalid loss term type", "Loss term type '{0}' {1}");

    public static readonly DiagnosticDescriptor NotAMapping = Error(
        "DSL0023", "Experiment is not a mapping", "{0} must be a mapping of keys to values; found {1}");

    public static readonly DiagnosticDescriptor MissingCorpusPath = Error(
        "DSL0024", "Corpus needs a path", "corpus '{0}' needs data.path (a file, folder or glob)");

    public static readonly DiagnosticDescriptor InvalidVariantName = Error(
        "DSL0025", "Invalid variant name", "Variant name '{0}' is invalid: {1}");

    public static readonly DiagnosticDescriptor SweepTooLarge = Error(
        "DSL0026", "Sweep too large", "The sweep has {0} points, more than the limit of {1}; split it into several experiments");

    static readonly Dictionary<string, DiagnosticDescriptor> byId = typeof(DiagnosticDescriptors)
        .GetFields()
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticDescriptor>()
        .ToDictionary(descriptor => descriptor.Id);

    public static IEnumerable<DiagnosticDescriptor> All => byId.Values.OrderBy(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => byId[id];

    static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
