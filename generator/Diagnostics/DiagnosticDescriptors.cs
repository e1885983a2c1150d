using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DslRunner.Generator.Diagnostics;

/// <summary>
/// The Roslyn descriptors of the <see cref="DiagnosticCatalog"/>, for reporting from the generator. The ids are
/// repeated as literals because analyzer release tracking reads them from the descriptor declarations.
/// </summary>
internal static class DiagnosticDescriptors
{
    const string Category = "DslRunner.Experiments";

    public static readonly DiagnosticDescriptor InvalidYaml = Error("DSL0001", DiagnosticCatalog.InvalidYaml);

    public static readonly DiagnosticDescriptor UnknownKey = Error("DSL0002", DiagnosticCatalog.UnknownKey);

    public static readonly DiagnosticDescriptor MissingKey = Error("DSL0003", DiagnosticCatalog.MissingKey);

    public static readonly DiagnosticDescriptor WrongType = Error("DSL0004", DiagnosticCatalog.WrongType);

    public static readonly DiagnosticDescriptor OutOfRange = Error("DSL0005", DiagnosticCatalog.OutOfRange);

    public static readonly DiagnosticDescriptor UnknownChoice = Error("DSL0006", DiagnosticCatalog.UnknownChoice);

    public static readonly DiagnosticDescriptor HeadsDoNotDivideWidth = Error("DSL0007", DiagnosticCatalog.HeadsDoNotDivideWidth);

    public static readonly DiagnosticDescriptor FractionsTooLarge = Error("DSL0008", DiagnosticCatalog.FractionsTooLarge);

    public static readonly DiagnosticDescriptor VocabularyTooSmall = Error("DSL0009", DiagnosticCatalog.VocabularyTooSmall);

    public static readonly DiagnosticDescriptor DecoderNeedsFeature = Error("DSL0010", DiagnosticCatalog.DecoderNeedsFeature);

    public static readonly DiagnosticDescriptor DuplicateExperimentName = Error("DSL0011", DiagnosticCatalog.DuplicateExperimentName);

    public static readonly DiagnosticDescriptor DuplicateClassName = Error("DSL0012", DiagnosticCatalog.DuplicateClassName);

    public static readonly DiagnosticDescriptor BadOverridePath = Error("DSL0013", DiagnosticCatalog.BadOverridePath);

    public static readonly DiagnosticDescriptor ExtendsMissing = Error("DSL0014", DiagnosticCatalog.ExtendsMissing);

    public static readonly DiagnosticDescriptor ExtendsCycle = Error("DSL0015", DiagnosticCatalog.ExtendsCycle);

    public static readonly DiagnosticDescriptor InvalidName = Error("DSL0016", DiagnosticCatalog.InvalidName);

    public static readonly DiagnosticDescriptor EmptyList = Error("DSL0017", DiagnosticCatalog.EmptyList);

    public static readonly DiagnosticDescriptor DuplicateKey = Error("DSL0018", DiagnosticCatalog.DuplicateKey);

    public static readonly DiagnosticDescriptor StepsOutOfOrder = Error("DSL0019", DiagnosticCatalog.StepsOutOfOrder);

    public static readonly DiagnosticDescriptor TiedHeadShape = Error("DSL0020", DiagnosticCatalog.TiedHeadShape);

    public static readonly DiagnosticDescriptor InvalidExperimentClass = Error("DSL0021", DiagnosticCatalog.InvalidExperimentClass);

    public static readonly DiagnosticDescriptor InvalidLossTermType = Error("DSL0022", DiagnosticCatalog.InvalidLossTermType);

    public static readonly DiagnosticDescriptor NotAMapping = Error("DSL0023", DiagnosticCatalog.NotAMapping);

    public static readonly DiagnosticDescriptor MissingCorpusPath = Error("DSL0024", DiagnosticCatalog.MissingCorpusPath);

    public static readonly DiagnosticDescriptor InvalidVariantName = Error("DSL0025", DiagnosticCatalog.InvalidVariantName);

    public static readonly DiagnosticDescriptor SweepTooLarge = Error("DSL0026", DiagnosticCatalog.SweepTooLarge);

    public static readonly DiagnosticDescriptor InvalidDecoderName = Error("DSL0027", DiagnosticCatalog.InvalidDecoderName);

    public static readonly DiagnosticDescriptor DuplicateDecoderKey = Error("DSL0028", DiagnosticCatalog.DuplicateDecoderKey);

    public static readonly DiagnosticDescriptor InvalidDecoderType = Error("DSL0029", DiagnosticCatalog.InvalidDecoderType);

    public static readonly DiagnosticDescriptor InvalidMetricType = Error("DSL0030", DiagnosticCatalog.InvalidMetricType);

    public static readonly DiagnosticDescriptor DataBudget = Error("DSL0031", DiagnosticCatalog.DataBudget);

    public static readonly DiagnosticDescriptor KeyOfAnotherCorpus = Error("DSL0032", DiagnosticCatalog.KeyOfAnotherCorpus);

    public static readonly DiagnosticDescriptor UnknownArm = Error("DSL0050", DiagnosticCatalog.UnknownArm);

    public static readonly DiagnosticDescriptor UnknownStudyExperiment = Error("DSL0051", DiagnosticCatalog.UnknownStudyExperiment);

    public static readonly DiagnosticDescriptor UnknownMeasure = Error("DSL0052", DiagnosticCatalog.UnknownMeasure);

    public static readonly DiagnosticDescriptor InvalidCheck = Error("DSL0053", DiagnosticCatalog.InvalidCheck);

    public static readonly DiagnosticDescriptor TooFewSeeds = Error("DSL0054", DiagnosticCatalog.TooFewSeeds);

    public static readonly DiagnosticDescriptor UnknownControl = Error("DSL0055", DiagnosticCatalog.UnknownControl);

    public static readonly DiagnosticDescriptor ArmsDoNotShareData = Error("DSL0056", DiagnosticCatalog.ArmsDoNotShareData);

    public static readonly DiagnosticDescriptor DuplicateStudyName = Error("DSL0057", DiagnosticCatalog.DuplicateStudyName);
    public static readonly DiagnosticDescriptor InvalidStudyClass = Error("DSL0058", DiagnosticCatalog.InvalidStudyClass);

    public static readonly DiagnosticDescriptor InvalidDecodingArm = Error("DSL0059", DiagnosticCatalog.InvalidDecodingArm);

    public static readonly DiagnosticDescriptor UnknownMultiplicityRule = Error("DSL0061", DiagnosticCatalog.UnknownMultiplicityRule);

    public static readonly DiagnosticDescriptor DataSeedSetTwice = Error("DSL0062", DiagnosticCatalog.DataSeedSetTwice);

    public static readonly DiagnosticDescriptor MeasureNameClash = Error("DSL0063", DiagnosticCatalog.MeasureNameClash);

    public static readonly DiagnosticDescriptor UnwatchableStoppingMetric = Error("DSL0034", DiagnosticCatalog.UnwatchableStoppingMetric);

    public static readonly DiagnosticDescriptor OddRotaryHeadSize = Error("DSL0035", DiagnosticCatalog.OddRotaryHeadSize);

    public static readonly DiagnosticDescriptor OldSpelling = Warning("DSL0060", DiagnosticCatalog.OldSpelling);

    public static readonly DiagnosticDescriptor DecodersWithoutPrompts = Warning("DSL0033", DiagnosticCatalog.DecodersWithoutPrompts);

    static readonly Dictionary<string, DiagnosticDescriptor> byId = typeof(DiagnosticDescriptors)
        .GetFields()
        .Select(field => field.GetValue(null))
        .OfType<DiagnosticDescriptor>()
        .ToDictionary(descriptor => descriptor.Id);

    public static IEnumerable<DiagnosticDescriptor> All => byId.Values.OrderBy(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => byId[id];

    static DiagnosticDescriptor Warning(string id, DiagnosticEntry entry) =>
        id == entry.Id && entry.IsWarning
            ? new(id, entry.Title, entry.MessageFormat, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true)
            : throw new InvalidOperationException($"Descriptor id {id} does not match catalog entry {entry.Id}, or the entry is not a warning");

    static DiagnosticDescriptor Error(string id, DiagnosticEntry entry) =>
        id == entry.Id && !entry.IsWarning
            ? new(id, entry.Title, entry.MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true)
            : throw new InvalidOperationException($"Descriptor id {id} does not match catalog entry {entry.Id}, or the entry is a warning");
}
