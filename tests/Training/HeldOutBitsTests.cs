using System.Text;
using DslRunner.Tokenizers;
using DslRunner.Training;
using static TorchSharp.torch;

namespace DslRunner.Tests.Training;

/// <summary>Bits per byte over exactly the held-out text, unknown tokens spelled out by the byte fallback.</summary>
public class HeldOutBitsTests
{
    /// <summary>A model that knows nothing: equal logits for every token of a vocabulary of <paramref name="vocabulary"/>.</summary>
    static Func<Tensor, Tensor> Uniform(int vocabulary) => inputs => zeros(inputs.shape[0], inputs.shape[1], vocabulary);

    [Fact]
    public void Every_held_out_token_is_scored_once_whatever_the_context()
    {
        int[] preceding = [1, 2, 3], scored = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1];
        foreach (int context in new[] { 1, 3, 4, 16 })
            foreach (int batch in new[] { 1, 2, 8 })
                Assert.Equal(10 * Math.Log(4), HeldOutBits.Nats(Uniform(4), context, preceding, scored, batch), 9);
    }

    [Fact]
    public void Each_token_is_predicted_from_the_tokens_just_before_it()
    {
        // A model that puts all its mass on "the previous token + 1": it is right on every token of 0,1,2,3,4,5 when the
        // first one sees the end of the preceding text (…, 4, 5 → 0 is 5 + 1 mod 6), so the text costs nothing.
        Func<Tensor, Tensor> next = inputs => nn.functional.one_hot((inputs + 1) % 6, 6).to_type(ScalarType.Float32) * 1000;
        Assert.Equal(0, HeldOutBits.Nats(next, context: 4, [4, 5], [0, 1, 2, 3, 4, 5], batch: 2), 9);
        Assert.True(HeldOutBits.Nats(next, context: 4, [3], [0, 1, 2, 3, 4, 5], batch: 2) > 100);
    }

    [Fact]
    public void Bits_per_byte_divides_by_the_bytes_of_exactly_the_held_out_text()
    {
        // Characters a, b, c and the unknown token: 4 symbols, 2 bits each under a uniform model. "abcab" is 5 tokens and
        // 5 bytes: 10 bits / 5 bytes = 2 bits per byte. "aé" is 2 tokens but 3 bytes: 4 bits + the spelling of é, over 3.
        var tokenizer = CharTokenizer.Train("abc");
        var fallback = ByteFallback.Train("abc");
        int[] ascii = tokenizer.Encode("abcab");
        double nats = HeldOutBits.Nats(Uniform(tokenizer.VocabularySize), 8, [1], ascii, 4);
        var bits = HeldOutBits.Count(nats / Math.Log(2), tokenizer, "abcab", ascii, fallback);
        Assert.Equal(2.0, bits.BitsPerByte, 12);
        Assert.Equal(5, bits.Bytes);
        Assert.Equal(0, bits.UnknownTokens);

        int[] accented = tokenizer.Encode("aé");
        var withUnknown = HeldOutBits.Count(2 * 2.0, tokenizer, "aé", accented, fallback);
        Assert.Equal(3, withUnknown.Bytes);
        Assert.Equal(1, withUnknown.UnknownTokens);
        Assert.Equal(2, withUnknown.UnknownBytes);
        Assert.Equal((4 + fallback.Bits("é")) / 3, withUnknown.BitsPerByte, 12);
    }

    [Fact]
    public void The_fallback_spells_bytes_and_an_end_by_their_smoothed_training_frequencies()
    {
        // Training text "ab ab": bytes a ×2, b ×2, space ×1 and two pieces ("ab", " ab") give two ends; 7 counts + 257
        // symbols of add-one smoothing = 264. "a" costs a (3/264) and an end (3/264); "z" costs 1/264 and the end.
        var fallback = ByteFallback.Train("ab ab");
        Assert.Equal(-2 * Math.Log2(3.0 / 264), fallback.Bits("a"), 12);
        Assert.Equal(-Math.Log2(1.0 / 264) - Math.Log2(3.0 / 264), fallback.Bits("z"), 12);
        Assert.Equal(-Math.Log2(3.0 / 264) - 2 * Math.Log2(1.0 / 264) - Math.Log2(3.0 / 264), fallback.Bits("aé"), 12);
    }

    [Fact]
    public void An_out_of_vocabulary_heavy_text_costs_more_than_with_free_unknowns()
    {
        const string training = "the cat sat on the mat. the dog sat on the log.";
        const string heldOut = " the zebra sat on the aardvark. the quagga sat on the okapi.";
        var words = WordTokenizer.Train(training, 0);
        int[] tokens = words.Encode(heldOut);
        double nats = HeldOutBits.Nats(Uniform(words.VocabularySize), 8, words.Encode(" the"), tokens, 4);
        var bits = HeldOutBits.Count(nats / Math.Log(2), words, heldOut, tokens, ByteFallback.Train(training));

        Assert.Equal([" zebra", " aardvark", " quagga", " okapi"], UnknownSpans.Of(words, heldOut, tokens));
        Assert.Equal(Encoding.UTF8.GetByteCount(heldOut), bits.Bytes);
        Assert.Equal(4, bits.UnknownTokens);
        Assert.True(bits.BitsPerByte > bits.FreeUnknownBitsPerByte + 1, $"{bits.BitsPerByte} against {bits.FreeUnknownBitsPerByte} free");
        Assert.Equal(bits.FreeUnknownBitsPerByte + bits.FallbackBitsPerByte, bits.BitsPerByte, 12);
        // Characters spell out only the characters the training text never had, one by one.
        var chars = CharTokenizer.Train(training);
        var unseen = UnknownSpans.Of(chars, heldOut, chars.Encode(heldOut));
        Assert.Equal(heldOut.Count(c => !training.Contains(c)), unseen.Count);
        Assert.All(unseen, span => Assert.DoesNotContain(span, training));
    }

    [Fact]
    public void WordPiece_charges_the_whole_piece_it_cannot_cut()
    {
        var pieces = WordPieceTrainer.Train("the cat sat on the mat", 130);
        int[] tokens = pieces.Encode(" the xylophone sat");
        Assert.Equal([" xylophone"], UnknownSpans.Of(pieces, " the xylophone sat", tokens));
    }
}
