using DslRunner.Config;

namespace DslRunner.Studies;

/// <summary>
/// Caps on what a study's experiments may spend, for quick checks of the study machinery (tests); the declared
/// budgets apply when nothing is capped. Evaluation, warm-up and pruning schedules shrink with the steps.
/// </summary>
/// <param name="MaxSteps">Train at most this many optimizer steps.</param>
/// <param name="MaxTokens">Draw at most this many tokens from the corpus (a byte budget is capped at as many bytes, which
/// never make more tokens).</param>
public sealed record StudyBudget(int? MaxSteps = null, long? MaxTokens = null)
{
    public static readonly StudyBudget Declared = new();

    public bool IsCapped => MaxSteps is not null || MaxTokens is not null;

    public ExperimentConfig Apply(ExperimentConfig config)
    {
        if (!IsCapped) return config;
        int steps = Math.Min(config.Train.Steps, MaxSteps ?? int.MaxValue);
        double shrink = (double)steps / config.Train.Steps;
        var train = config.Train with
        {
            Steps = steps,
            EvalEvery = Math.Max(1, Math.Min(config.Train.EvalEvery, (int)Math.Ceiling(config.Train.EvalEvery * shrink))),
            Schedule = config.Train.Schedule with { Warmup = Math.Min(config.Train.Schedule.Warmup, steps) },
        };
        var sparsity = config.Sparsity is { } s
            ? s with
            {
                Start = (int)(s.Start * shrink),
                End = Math.Max((int)(s.Start * shrink) + 1, (int)(s.End * shrink)),
                Every = Math.Max(1, (int)(s.Every * shrink)),
            }
            : null;
        return config with
        {
            Data = config.Data with
            {
                Tokens = config.Data.Tokens is { } tokens ? Math.Min(tokens, MaxTokens ?? long.MaxValue) : null,
                Bytes = config.Data.Bytes is { } bytes ? Math.Min(bytes, MaxTokens ?? long.MaxValue) : null,
            },
            Train = train,
            Sparsity = sparsity,
        };
    }
}
