using System.Diagnostics;
using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Training.Measures;
using DslRunner.Runs;

using DslRunner.RunFiles;

namespace DslRunner.Training;

/// <summary>
/// After training: held-out metrics on the test split, the model's fixed figures (parameters, FLOPs, and when declared
/// the analytic expressive capacity and dependency length), the metrics written in C#, then every decoder on all prompts at once (one batch) with
/// its decoding metrics.
/// </summary>
public static class Evaluator
{
    public static EvaluationResult Evaluate(
        RunContext context, TrainingResult training, IReadOnlyList<IDecoder> decoders, EvalConfig config,
        IReadOnlyList<EvalMetric>? userMetrics = null)
    {
        userMetrics ??= [];
        EvaluationKeys.Check(decoders, userMetrics);
        var model = training.Model;
        var train = context.Config.Train;
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in EvalProbes.Measure(model, config, train, context.Data.Splits.Test, pruner: null))
            metrics[name] = value;
        var final = new ProbeInput(model, Architecture: context.Config.Model) { TokensSeen = training.TokensSeen, Stored = Sparsity.StoredSize.Of(model) };
        foreach (var measure in BuiltInMeasures.AlwaysAtEnd) measure.Measure(final, metrics);
        foreach (var (name, value) in EvalProbes.Analytic(context.Config.Model, model, config))
            metrics[name] = value;
        BuiltInMeasures.Sparsity.Measure(final, metrics);
        foreach (var metric in userMetrics)
            metrics[metric.Name] = MeasureUserMetric(metric, new EvalMetricInputs(model, context.Data.Tokenizer, context.Data.Splits.Test, context.Config));

        var tokenizer = context.Data.Tokenizer;
        var samples = new List<Sample>();
        var prompts = config.Prompts.Select(prompt => (IReadOnlyList<int>)tokenizer.Encode(prompt)).ToArray();
        foreach (var decoder in decoders)
        {
            if (prompts.Length == 0) continue;
            var clock = Stopwatch.StartNew();
            var decoded = decoder.DecodeBatch(model, prompts); // every prompt at once
            clock.Stop();
            double tokensPerSecond = DecodingMetrics.TokensPerSecond(decoded.Sum(d => d.Tokens.Length), clock.Elapsed);
            for (int i = 0; i < prompts.Length; i++)
            {
                var sample = new Sample(decoder.Key, config.Prompts[i], tokenizer.Decode(decoded[i].Tokens), decoder.Name);
                samples.Add(sample);
                context.Progress.Sample(sample);
            }
            AddDecodingMetrics(metrics, decoder.Key, [.. decoded.Select(d => DecodingMetrics.Measure(d, tokensPerSecond))]);
        }
        context.Metrics.Eval(training.TrainLosses.Count, "test", metrics); // the last trained step: fewer than train.steps when stopped early
        return new EvaluationResult(metrics, samples);
    }

    static double MeasureUserMetric(EvalMetric metric, EvalMetricInputs inputs)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        using var inference = new InferenceMode(inputs.Model, []); // evaluation mode and no_grad
        return metric.Measure(inputs);
    }

    /// <summary>Means over the prompts, keyed <c>decode/&lt;decoder key&gt;/&lt;metric&gt;</c>.</summary>
    static void AddDecodingMetrics(SortedDictionary<string, double> metrics, string decoder, List<DecodingReport> reports)
    {
        string prefix = $"decode/{decoder}/";
        metrics[prefix + "distinct_1"] = reports.Average(r => r.Distinct1);
        metrics[prefix + "distinct_2"] = reports.Average(r => r.Distinct2);
        metrics[prefix + "repetition_rate"] = reports.Average(r => r.RepetitionRate);
        metrics[prefix + "mean_nucleus_size"] = reports.Average(r => r.MeanNucleusSize);
        metrics[prefix + "perplexity"] = reports.Average(r => r.Perplexity);
        metrics[prefix + MetricsLog.TokensPerSecond] = reports.Average(r => r.TokensPerSecond);
    }
}
