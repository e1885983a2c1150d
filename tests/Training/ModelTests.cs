using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Native;

namespace DslRunner.Tests.Training;

public sealed class ModelTests
{
    [Fact]
    public void A_GPT2_small_shaped_config_has_124M_parameters()
    {
        TorchRuntime.EnsureLoaded();
        var config = new TransformerConfig(Layers: 12, DModel: 768, Heads: 12, Context: 1024, Head: OutputHead.Tied, Dropout: 0.1, CosineScale: null);

        using var model = new GptModel(config, vocabularySize: 50_257);

        // GPT-2 small: 124,439,808 parameters with tied embeddings.
        Assert.Equal(124_439_808, model.ParameterCount);
    }

    [Theory]
    [InlineData(OutputHead.Dot, 1)]
    [InlineData(OutputHead.Tied, 0)]
    [InlineData(OutputHead.Cosine, 0)]
    public void Output_heads_give_vocabulary_logits_and_only_the_dot_head_owns_token_vectors(OutputHead head, int ownVectors)
    {
        TorchRuntime.Configure(1, 3);
        var config = new TransformerConfig(Layers: 1, DModel: 16, Heads: 2, Context: 8, Head: head, Dropout: 0, CosineScale: null);
        using var model = new GptModel(config, vocabularySize: 11);
        using var tokens = TorchSharp.torch.zeros([2, 5], TorchSharp.torch.int64);

        using var logits = model.call(tokens);

        Assert.Equal([2L, 5, 11], logits.shape);
        Assert.Equal(ownVectors, model.OutputVectors is null ? 0 : 1);
        long embedding = 11 * 16;
        long headWeights = head == OutputHead.Dot ? embedding : head == OutputHead.Cosine ? 1 : 0;
        long block = 2 * 2 * 16 + (16 * 48 + 48) + (16 * 16 + 16) + (16 * 64 + 64) + (64 * 16 + 16);
        Assert.Equal(embedding + 8 * 16 + block + 2 * 16 + headWeights, model.ParameterCount);
    }

    [Fact]
    public void The_LSTM_model_maps_tokens_to_logits()
    {
        TorchRuntime.Configure(1, 3);
        using var model = new LstmModel(new LstmConfig(Embedding: 8, Hidden: 12, Layers: 2, Context: 16, Head: OutputHead.Dot, Dropout: 0), vocabularySize: 7);
        using var tokens = TorchSharp.torch.zeros([3, 4], TorchSharp.torch.int64);

        using var logits = model.call(tokens);

        Assert.Equal([3L, 4, 7], logits.shape);
        long lstm = 4 * 12 * (8 + 12 + 2) + 4 * 12 * (12 + 12 + 2);
        Assert.Equal(7 * 8 + lstm + 12 * 7, model.ParameterCount);
    }

    [Fact]
    public void The_LSTM_decodes_through_its_hidden_state_with_the_logits_of_a_full_forward()
    {
        TorchRuntime.Configure(1, 4);
        using var model = new LstmModel(new LstmConfig(Embedding: 8, Hidden: 8, Layers: 2, Context: 4, Head: OutputHead.Tied, Dropout: 0), vocabularySize: 9);
        model.eval();
        using var noGrad = TorchSharp.torch.no_grad();
        using var text = TorchSharp.torch.tensor(new long[] { 1, 4, 2, 8, 5, 7, 3, 1 }, [1, 8]);
        using var state = model.StartDecoding();

        Assert.IsType<RecurrentDecodingState>(state);
        state.Append(text[.., ..2]);
        for (int length = 3; length <= 8; length++) // past the 4-token context: the hidden state carries it all
            Assert.True(model.call(text[.., ..length])[.., -1].allclose(state.Append(text[.., (length - 1)..length]), rtol: 1e-4, atol: 1e-6));
    }
}
