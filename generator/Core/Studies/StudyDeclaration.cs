using System.Collections.Generic;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Studies;

/// <summary>
/// A study as <see cref="StudyParser"/> read it: every value of the study file read and its shape checked against
/// <see cref="Schema.StudySchema"/>, each with where it was written; nothing looked up yet (experiments, measures, arms
/// named by checks, controls named by claims), which is <see cref="StudyBuilder"/>'s.
/// </summary>
/// <param name="Name">The study's name; null when missing or not text.</param>
/// <param name="ClassName">The class named after it; null when the name cannot name one.</param>
/// <param name="SeedsSpan">Where the seeds are declared (the study itself when they are the default).</param>
/// <param name="ArmOrder">Every arm label in declared order.</param>
/// <param name="Measures">The measure names as written, in order (duplicates kept).</param>
public sealed record StudyDeclaration(
    MappingNode Root,
    string? Name,
    string? ClassName,
    string Description,
    int[] Seeds,
    SourceSpan SeedsSpan,
    int[]? DataSeeds,
    SourceSpan? DataSeedsSpan,
    string Multiplicity,
    IReadOnlyList<string> ArmOrder,
    IReadOnlyList<ArmDeclaration> Arms,
    IReadOnlyList<DecodingArmDeclaration> DecodingArms,
    IReadOnlyList<ScalarNode> Measures,
    IReadOnlyList<PlotDeclaration> Plots,
    IReadOnlyList<CheckDeclaration> Controls,
    IReadOnlyList<CheckDeclaration> Claims,
    IReadOnlyList<BudgetDeclaration> Budgets,
    SourceSpan? BudgetsSpan);

/// <summary>An arm that trains (or is only built): its experiment, whether it trains, and its overrides.</summary>
/// <param name="Experiment">The experiment, variant or sweep point it names; null when missing or not text.</param>
public sealed record ArmDeclaration(MappingEntry Entry, MappingNode Body, string? Experiment, bool Train, EquatableArray<MappingEntry> Set);

/// <summary>An arm that decodes from another arm's model: checked against the arms it may name, so read whole.</summary>
public sealed record DecodingArmDeclaration(MappingEntry Entry, MappingNode Body, MappingEntry Decodes);

/// <summary>A plot's axes; an axis is null when missing or not text.</summary>
public sealed record PlotDeclaration(string Name, ScalarNode? X, ScalarNode? Y);

/// <summary>
/// A control or claim: its needs as written (each checked against the controls that hold) and its check, parsed; the
/// check is null when it is missing or does not parse (reported), and the claim then yields no check.
/// </summary>
public sealed record CheckDeclaration(string Id, string Text, string Reference, string Kind, IReadOnlyList<DeclarationNode> Needs, ParsedCheck? Check);

/// <summary>A check's text (where it was written) and its parse: <see cref="Term"/> compared with <see cref="Line"/>.</summary>
public sealed record ParsedCheck(ScalarNode Source, CheckTerm Term, string Operator, double Line);

/// <summary>A budget as the runtime gets it, with its overrides as written (each arm binds with them).</summary>
/// <param name="Arms">Overrides of single arms at this budget, after <paramref name="Set"/>, each under its arm's label.</param>
public sealed record BudgetDeclaration(BudgetSpec Spec, EquatableArray<MappingEntry> Set, EquatableArray<BudgetArmDeclaration> Arms);

/// <summary>One arm's overrides at one budget, where they were written.</summary>
public sealed record BudgetArmDeclaration(MappingEntry Entry, EquatableArray<MappingEntry> Set);
