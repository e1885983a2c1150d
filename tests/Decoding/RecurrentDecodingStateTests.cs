using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Models;
using DslRunner.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Tests.Decoding;

public sealed class RecurrentDecodingStateTests
{
    /// <summary>Embedding → LSTM → linear head, decoding through its hidden state.</summary>
    sealed class TinyLstm : LanguageModel
    {
        readonly Embedding embedding = nn.Embedding(9, 6);
        readonly LSTM lstm = nn.LSTM(6, 8, numLayers: 2, batchFirst: true);
        readonly Linear head = nn.Linear(8, 9);

        public TinyLstm() : base(nameof(TinyLstm), 9, context: 4, OutputHead.Dot) => RegisterComponents();

        public override Tensor TokenVectors => embedding.weight!;

        public override Tensor? OutputVectors => head.weight;

        public override Tensor forward(Tensor tokens) => head.call(lstm.call(embedding.call(tokens)).Item1);

        public override DecodingState StartDecoding() => new RecurrentDecodingState(Step);

        (Tensor Logits, Tensor[] Hidden) Step(Tensor tokens, Tensor[]? hidden)
        {
            var (output, h, c) = lstm.call(embedding.call(tokens), hidden is null ? null : (hidden[0], hidden[1]));
            return (head.call(output[.., -1]), [h, c]);
        }
    }

    [Fact]
    public void Stepping_the_hidden_state_equals_a_forward_over_the_whole_text_even_past_the_context()
    {
        TorchRuntime.Configure(1, 23);
        using var model = new TinyLstm();
        model.eval();
        using var noGrad = no_grad();
        using var text = tensor(new long[] { 1, 4, 2, 8, 5, 7, 3, 1, 0, 6, 2, 2, 5, 1 }, [2, 7]);
        using var state = model.StartDecoding();

        state.Append(text[.., ..3]);
        for (int length = 4; length <= 7; length++)
        {
            var expected = model.call(text[.., ..length])[.., -1];
            Assert.True(expected.allclose(state.Append(text[.., (length - 1)..length]), rtol: 1e-4, atol: 1e-6));
        }
    }

    [Fact]
    public void Selected_rows_and_look_aheads_continue_the_right_sequences_and_decoders_run_on_it()
    {
        TorchRuntime.Configure(1, 24);
        using var model = new TinyLstm();
        model.eval();
        using var noGrad = no_grad();
        using var text = tensor(new long[] { 1, 4, 2, 8, 5, 7 }, [2, 3]);
        using var state = model.StartDecoding();
        state.Append(text);

        using var second = state.Select([1]);
        var lookAhead = second.LookAhead([3, 6]);

        using var expected = model.call(tensor(new long[] { 8, 5, 7, 3, 8, 5, 7, 6 }, [2, 4]))[.., -1];
        Assert.True(expected.allclose(lookAhead, rtol: 1e-4, atol: 1e-6));
        var beam = new BeamDecoder(new BeamConfig(MaxTokens: 6, Width: 3, LengthPenalty: 0)).Decode(model, [1, 2]);
        Assert.Equal(6, beam.Length);
    }
}
