using DslRunner.Decoding;
using DslRunner.Native;
using static TorchSharp.torch;

namespace DslRunner.Tests.Decoding;

public sealed class DecodeRecordTests
{
    /// <summary>37 steps span two full blocks of 16 and a partial one read at the end.</summary>
    [Fact]
    public void Metrics_measured_a_block_at_a_time_equal_those_of_each_step_on_its_own()
    {
        TorchRuntime.EnsureLoaded();
        const int Rows = 3, Steps = 37, Vocabulary = 11;
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(5);
        var logits = Enumerable.Range(0, Steps).Select(_ => 3 * randn([Rows, Vocabulary], generator: generator)).ToArray();
        var chosen = logits.Select(step => multinomial(step.softmax(-1), 1, generator: generator).squeeze(1)).ToArray();

        Decoded[] recorded;
        using (var record = new DecodeRecord(Rows, Steps))
        {
            for (int step = 0; step < Steps; step++) record.Add(step, logits[step], chosen[step]);
            recorded = record.Read();
        }

        for (int step = 0; step < Steps; step++)
        {
            var logProbabilities = logits[step].log_softmax(-1);
            float[] own = logProbabilities.gather(1, chosen[step].unsqueeze(1)).squeeze(1).data<float>().ToArray();
            long[] nucleus = TokenDistribution.NucleusSizes(logProbabilities.exp(), DecodingMetrics.NucleusP).data<long>().ToArray();
            long[] tokens = chosen[step].data<long>().ToArray();
            for (int row = 0; row < Rows; row++)
            {
                Assert.Equal(tokens[row], recorded[row].Tokens[step]);
                Assert.Equal(own[row], recorded[row].LogProbabilities[step]); // bit for bit: each row computed as one step would
                Assert.Equal(nucleus[row], recorded[row].NucleusSizes[step]);
            }
        }
    }

    [Fact]
    public void Steps_must_come_in_order()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var record = new DecodeRecord(1, 4);
        record.Add(0, zeros(1, 5), zeros([1], dtype: int64));

        var error = Assert.Throws<ArgumentException>(() => record.Add(2, zeros(1, 5), zeros([1], dtype: int64)));
        Assert.Contains("expected step 1, got 2", error.Message);
    }
}
