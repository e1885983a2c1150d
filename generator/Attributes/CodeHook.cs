using System.Collections.Generic;
using System.Linq;
using DslRunner.Generator.Diagnostics;

namespace DslRunner.Generator.Attributes;

/// <summary>
/// A component written in C# and named by type in an attribute: <c>[LossTerm(typeof(T))]</c>, <c>[Decoder(typeof(T))]</c>,
/// <c>[Metric(typeof(T))]</c>. T is checked (base type, concrete, a constructor its declared parameters fit) and joins a list of the
/// declaration; the generated code constructs it and calls it directly.
/// </summary>
/// <param name="Name">The attribute's name without "Attribute".</param>
/// <param name="BaseType">What T must derive from or implement.</param>
/// <param name="List">The list T joins: <c>loss</c>, <c>decode</c> (as a <c>custom</c> entry), or <c>eval.metrics</c> (as itself).</param>
internal sealed record CodeHook(string Name, string BaseType, bool BaseIsInterface, string[] List, DiagnosticEntry Invalid, string Summary)
{
    public static readonly CodeHook LossTerm = new("LossTerm", "DslRunner.Losses.LossTerm", false, ["loss"], DiagnosticCatalog.InvalidLossTermType,
        "A loss term written in C#: a class deriving DslRunner.Losses.LossTerm constructed with its parameterless constructor or with declared parameters (name=value).");

    public static readonly CodeHook Decoder = new("Decoder", "DslRunner.Decoding.IDecoder", true, ["decode"], DiagnosticCatalog.InvalidDecoderType,
        "A decoder written in C#: a class implementing DslRunner.Decoding.IDecoder constructed with its parameterless constructor or with declared parameters; its Key names its metrics.");

    public static readonly CodeHook Metric = new("Metric", "DslRunner.Training.EvalMetric", false, ["eval", "metrics"], DiagnosticCatalog.InvalidMetricType,
        "A metric written in C#: a class deriving DslRunner.Training.EvalMetric constructed with its parameterless constructor or with declared parameters, measured after training.");

    public static readonly IReadOnlyList<CodeHook> All = [LossTerm, Decoder, Metric];

    /// <summary>Entries of loss and decode are single-key mappings (<c>custom: T</c>); a metric is listed as itself.</summary>
    public bool Tagged => List.Length == 1;

    public string ClassName => Name + "Attribute";

    public string MetadataName => AttributeCatalog.Namespace + "." + ClassName;

    public static CodeHook? Find(string metadataName) => All.FirstOrDefault(hook => hook.MetadataName == metadataName);
}
