using DslRunner.Config;
using DslRunner.Tokenizers;
using DslRunner.Training;
using static TorchSharp.torch;

namespace DslRunner.Tests.Training;

/// <summary>Bits per byte over the held-out bytes of words seen fewer than three times in training.</summary>
public class RareWordBitsTests
{
    const string Train = "the cat the cat the dog";

    [Fact]
    public void A_tokens_bits_stay_with_the_bytes_of_the_rare_word_it_covers()
    {
        // "the" is seen 3 times (not rare), "cat" twice (rare). Characters: ' ', t, h, e, ' ', c, a, t; the rare bytes
        // are c, a, t, whose tokens cost 2 bits each: 6 bits over 3 bytes, 3 of the text's 8 bytes.
        var tokenizer = TokenizerFactory.Train(new TokenizerConfig(TokenizerKind.Char, 0), Train);
        string text = " the cat";
        var (bitsPerByte, share) = RareWordBits.Share([1, 1, 1, 1, 1, 2, 2, 2], tokenizer, Train, text, tokenizer.Encode(text));
        Assert.Equal(2.0, bitsPerByte, 12);
        Assert.Equal(3.0 / 8, share, 12);
    }

    [Fact]
    public void A_token_that_spans_a_rare_word_and_more_shares_its_bits_by_bytes_and_an_unknown_token_pays_its_spelling()
    {
        // Word tokens over a vocabulary of "the" only: " cat" is unknown (a space and three rare bytes). Its bits are the
        // model's 4 plus the fallback's spelling of " cat"; three of its four bytes are rare, so they keep 3/4 of them.
        var tokenizer = WordTokenizer.FromVocabulary([UnknownToken.Name, " the"]);
        string text = " the cat";
        int[] tokens = tokenizer.Encode(text);
        Assert.Equal([1, WordTokenizer.UnknownId], tokens);
        double spelling = ByteFallback.Train(Train).Bits(" cat");
        var (bitsPerByte, _) = RareWordBits.Share([5, 4], tokenizer, Train, text, tokens);
        Assert.Equal((4 + spelling) * 3 / 4 / 3, bitsPerByte, 12);
    }

    [Fact]
    public void Per_token_nats_add_up_to_the_texts_nats()
    {
        Func<Tensor, Tensor> uniform = inputs => zeros(inputs.shape[0], inputs.shape[1], 4);
        int[] scored = [0, 1, 2, 3, 0, 1, 2];
        double[] each = HeldOutBits.TokenNats(uniform, context: 3, [1, 2], scored, batch: 2);
        Assert.All(each, n => Assert.Equal(Math.Log(4), n, 12));
        Assert.Equal(HeldOutBits.Nats(uniform, 3, [1, 2], scored, 2), each.Sum(), 12);
    }
}
