using System.Text.Json.Serialization;
using DslRunner.Decoding;

namespace DslRunner.Config;

/// <summary>A declared decoder: one of the catalog's (its record beside its class, e.g. <c>TopPConfig</c>) or a C# one.</summary>
/// <param name="Name">Names this decoder's metrics instead of its tag (needed when two decoders of one kind are declared).</param>
public abstract record DecoderConfig(string? Name)
{
    /// <summary>The stable identifier of this decoder's metrics (<c>decode/&lt;key&gt;/distinct_2</c>): its declared name, else its DSL tag.</summary>
    [JsonIgnore]
    public string Key => Name ?? ComponentTags.Of(GetType());

    /// <summary>The decoder this record declares.</summary>
    public abstract IDecoder Build();
}

/// <summary>A decoder written in C# (a class implementing <c>DslRunner.Decoding.IDecoder</c>), which generated code instantiates directly.</summary>
/// <param name="Type">The decoder's full type name, for manifests and reports.</param>
/// <param name="Name">The key the decoder gives its metrics (its <c>IDecoder.Key</c>), recorded by the generated code.</param>
/// <param name="Arguments">The parameters it was declared with (<c>width=3</c>); null when none.</param>
public sealed record CustomDecoderConfig(string Type, string Name, string? Arguments = null) : DecoderConfig(Name)
{
    /// <summary>Never from the record: the generated code constructs the C# class itself (see <c>ConfiguredExperiment.CanBuild</c>).</summary>
    public override IDecoder Build() => throw new InvalidOperationException(
        $"the decoder {Type} is C# code: the generated experiment constructs it, a config cannot");
}
