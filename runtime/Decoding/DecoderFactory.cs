using DslRunner.Config;

namespace DslRunner.Decoding;

/// <summary>The decoder a config record declares; the generated experiments build the same decoders.</summary>
public static class DecoderFactory
{
    public static IDecoder Build(DecoderConfig config) => config switch
    {
        GreedyConfig greedy => new GreedyDecoder(greedy),
        BeamConfig beam => new BeamDecoder(beam),
        SampleConfig sample => new SamplingDecoder(sample),
        TopPConfig topP => new TopPDecoder(topP),
        CapacitySavingConfig capacitySaving => new CapacitySavingDecoder(capacitySaving),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.GetType().Name, "unknown decoder"),
    };
}
