using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslRunner.Tests.Generator;

/// <summary>
/// The runtime types generated code calls, compiled for tests only where the runtime assembly does not yet
/// define them (loss terms and decoders under way elsewhere). Each matches the constructor the generator emits,
/// so a compile test fails when emitted calls drift from that contract. Types the runtime defines are never faked.
/// </summary>
public static class RuntimeContract
{
    static readonly (string TypeName, string Source)[] PromisedTypes =
    [
        ("DslRunner.Losses.CapacityLoss", Term("CapacityLoss", "CapacityLossConfig", "capacity")),
        ("DslRunner.Losses.L1Loss", Term("L1Loss", "L1Config", "l1")),
        ("DslRunner.Decoding.BeamDecoder", Decoder("BeamDecoder", "BeamConfig", "beam")),
        ("DslRunner.Decoding.SamplingDecoder", Decoder("SamplingDecoder", "SampleConfig", "sample")),
        ("DslRunner.Decoding.TopPDecoder", Decoder("TopPDecoder", "TopPConfig", "top_p")),
        ("DslRunner.Decoding.CapacitySavingDecoder", Decoder("CapacitySavingDecoder", "CapacitySavingConfig", "capacity_saving")),
    ];

    static readonly Lazy<byte[]?> image = new(Build);

    /// <summary>The compiled assembly of the promised types the runtime lacks; null when it has them all.</summary>
    public static byte[]? Image => image.Value;

    /// <summary>A reference to <see cref="Image"/>; null when the runtime has every promised type.</summary>
    public static MetadataReference? Reference => Image is { } bytes ? MetadataReference.CreateFromImage(bytes) : null;

    public const string AssemblyName = "DslRunner.RuntimeContract";

    static byte[]? Build()
    {
        var runtime = typeof(IExperiment).Assembly;
        var missing = PromisedTypes.Where(t => runtime.GetType(t.TypeName) is null).Select(t => t.Source).ToList();
        if (missing.Count == 0) return null;
        var compilation = GeneratorHarness.CreateCompilation(missing.Select(s => CSharpSyntaxTree.ParseText(s, GeneratorHarness.ParseOptions)))
            .WithAssemblyName(AssemblyName);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (!emitted.Success) throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics));
        return stream.ToArray();
    }

    static string Term(string type, string config, string name) => $$"""
        namespace DslRunner.Losses;
        public sealed class {{type}}(DslRunner.Config.{{config}} config) : LossTerm
        {
            public DslRunner.Config.{{config}} Config { get; } = config;
            public override string Name => "{{name}}";
            public override TorchSharp.torch.Tensor Compute(LossInputs inputs) => inputs.Logits.mean();
        }
        """;

    static string Decoder(string type, string config, string name) => $$"""
        namespace DslRunner.Decoding;
        public sealed class {{type}}(DslRunner.Config.{{config}} config) : IDecoder
        {
            public DslRunner.Config.{{config}} Config { get; } = config;
            public string Name => "{{name}}";
            public int[] Decode(DslRunner.Models.LanguageModel model, System.Collections.Generic.IReadOnlyList<int> prompt) => [];
        }
        """;
}
