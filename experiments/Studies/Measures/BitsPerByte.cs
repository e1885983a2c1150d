using DslRunner.Studies.Declared;
using DslRunner.Training;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// Held-out bits per byte on the whole test text (<see cref="HeldOutBits"/>): the negative log-likelihood of every test
/// token, plus the bits a byte-level fallback spends spelling out each unknown token's text, over the UTF-8 bytes of
/// exactly that text. Comparable across tokenizers that read the same text (data.bytes); no tokenizer gets an unknown
/// word for free.
/// </summary>
[StudyMeasure("bits_per_byte")]
public sealed class BitsPerByte : IStudyMeasure
{
    public string Name => "bits_per_byte";

    public double Measure(MeasureInput input) => HeldOutBits.Of(input.Model, TextMeasures.DataOf(input), input.Config.Train.Batch).BitsPerByte;
}

/// <summary>The same text scored by a unigram model of the run's own training tokens: what a model must beat to have learned from context.</summary>
[StudyMeasure("unigram_bits_per_byte")]
public sealed class UnigramBitsPerByte : IStudyMeasure
{
    public string Name => "unigram_bits_per_byte";

    public double Measure(MeasureInput input) => HeldOutBits.Unigram(TextMeasures.DataOf(input)).BitsPerByte;
}

/// <summary>
/// The part of bits per byte spent spelling out unknown tokens' texts: what the figure would lose if unknown words were
/// free. It depends on the tokenizer and the texts only, not on the trained weights.
/// </summary>
[StudyMeasure("unknown_bits_per_byte")]
public sealed class UnknownBitsPerByte : IStudyMeasure
{
    public string Name => "unknown_bits_per_byte";

    public double Measure(MeasureInput input) => HeldOutBits.Unigram(TextMeasures.DataOf(input)).FallbackBitsPerByte;
}

/// <summary>The share of the test text's bytes that lie in unknown tokens.</summary>
[StudyMeasure("unknown_byte_share")]
public sealed class UnknownByteShare : IStudyMeasure
{
    public string Name => "unknown_byte_share";

    public double Measure(MeasureInput input)
    {
        var bits = HeldOutBits.Unigram(TextMeasures.DataOf(input));
        return (double)bits.UnknownBytes / bits.Bytes;
    }
}

/// <summary>
/// Bits per byte as it would be if unknown tokens were free beyond the model's own probability of them: the figure a
/// study that ignores the spelling of unknown words would report. Shown beside <see cref="BitsPerByte"/>, never instead.
/// </summary>
[StudyMeasure("free_unknown_bits_per_byte")]
public sealed class FreeUnknownBitsPerByte : IStudyMeasure
{
    public string Name => "free_unknown_bits_per_byte";

    public double Measure(MeasureInput input) =>
        HeldOutBits.Of(input.Model, TextMeasures.DataOf(input), input.Config.Train.Batch).FreeUnknownBitsPerByte;
}
