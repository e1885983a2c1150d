using System.Runtime.CompilerServices;
using DslRunner.Studies;
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

    public double Measure(MeasureInput input) => HeldOutBitsOf.Model(input).BitsPerByte;
}

/// <summary>The same text scored by a unigram model of the run's own training tokens: what a model must beat to have learned from context.</summary>
[StudyMeasure("unigram_bits_per_byte")]
public sealed class UnigramBitsPerByte : IStudyMeasure
{
    public string Name => "unigram_bits_per_byte";

    public double Measure(MeasureInput input) => HeldOutBitsOf.Unigram(input).BitsPerByte;
}

/// <summary>
/// The part of bits per byte spent spelling out unknown tokens' texts: what the figure would lose if unknown words were
/// free. It depends on the tokenizer and the texts only, not on the trained weights.
/// </summary>
[StudyMeasure("unknown_bits_per_byte")]
public sealed class UnknownBitsPerByte : IStudyMeasure
{
    public string Name => "unknown_bits_per_byte";

    public double Measure(MeasureInput input) => HeldOutBitsOf.Unigram(input).FallbackBitsPerByte;
}

/// <summary>The share of the test text's bytes that lie in unknown tokens.</summary>
[StudyMeasure("unknown_byte_share")]
public sealed class UnknownByteShare : IStudyMeasure
{
    public string Name => "unknown_byte_share";

    public double Measure(MeasureInput input)
    {
        var bits = HeldOutBitsOf.Unigram(input);
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
        HeldOutBitsOf.Model(input).FreeUnknownBitsPerByte;
}

/// <summary>
/// The held-out bits of one measurement (one <see cref="MeasureInput"/>: a model's weights and its data), computed once
/// however many of the measures above a study asks for: a model's pass over the whole test text is the costly part.
/// </summary>
/// <summary>
/// Bits per byte over only the held-out bytes of rare words — seen fewer than three times in the training text
/// (<see cref="RareWordBits"/>) — where a tokenizer's handling of rare words shows; unknown tokens' spelling included.
/// </summary>
[StudyMeasure("rare_word_bits_per_byte")]
public sealed class RareWordBitsPerByte : IStudyMeasure
{
    public string Name => "rare_word_bits_per_byte";

    public double Measure(MeasureInput input) => HeldOutBitsOf.RareWords(input).BitsPerByte;
}

/// <summary>The share of the held-out bytes that lie in rare words (the same for every arm that reads the same text).</summary>
[StudyMeasure("rare_word_byte_share")]
public sealed class RareWordByteShare : IStudyMeasure
{
    public string Name => "rare_word_byte_share";

    public double Measure(MeasureInput input) => HeldOutBitsOf.RareWords(input).ByteShare;
}

static class HeldOutBitsOf
{
    static readonly ConditionalWeakTable<MeasureInput, Tuple<double, double>> RareWordBitsOf = new();

    public static (double BitsPerByte, double ByteShare) RareWords(MeasureInput input) =>
        RareWordBitsOf.GetValue(input, i => RareWordBits.Of(i.Model, TextMeasures.DataOf(i), i.Config.Train.Batch).ToTuple()).ToValueTuple();

    static readonly ConditionalWeakTable<MeasureInput, HeldOutBits> ModelBits = new();
    static readonly ConditionalWeakTable<MeasureInput, HeldOutBits> UnigramBits = new();

    public static HeldOutBits Model(MeasureInput input) =>
        ModelBits.GetValue(input, i => HeldOutBits.Of(i.Model, TextMeasures.DataOf(i), i.Config.Train.Batch));

    public static HeldOutBits Unigram(MeasureInput input) => UnigramBits.GetValue(input, i => HeldOutBits.Unigram(TextMeasures.DataOf(i)));
}
