using System.Diagnostics;
using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Losses;
using DslRunner.Models;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Sparsity;
using TorchSharp;
using static TorchSharp.torch;
using DslRunner.Generator.Measures;

namespace DslRunner.Training;

/// <summary>
/// The training loop: schedule, accumulation, clipping, periodic evaluation, metrics, checkpoints at every
/// evaluation, exact resume, early stopping and keeping the best weights, and a guard that stops on a non-finite loss
/// before the bad update is applied. A stop signal (<see cref="StopSignals"/>) ends it at the next step boundary with a
/// checkpoint there, from which <c>resume</c> continues exactly.
/// </summary>
public static class Trainer
{
    public static TrainingResult Train(RunContext context, LanguageModel model, CompositeLoss loss, TrainConfig config)
    {
        TorchRuntime.Configure(config.Threads, context.Config.Seed);
        var splits = context.Data.Splits;
        var sampler = new BatchSampler(splits.Train, model.Context, config.Batch, context.Config.Seed);
        using var optimizer = OptimizerFactory.Create(model, config.Optimizer);
        var schedule = new LearningRateSchedule(config.Schedule, config.Optimizer.Lr, config.Steps);
        var trainLosses = new List<double>(config.Steps);
        var evaluations = new List<EvalPoint>();
        long tokensPerStep = (long)config.Batch * model.Context * config.Accumulation;
        string? lastCheckpoint = null;
        using var pruner = context.Config.Sparsity is { } sparsity ? new MagnitudePruner(sparsity, model) : null;
        var watch = ValidationWatch.For(config);
        var best = config.KeepBest ? new BestWeights(context.Folder) : null;

        int firstStep = 1;
        if (context.Resume && context.CheckpointPath is { } resumePath && File.Exists(resumePath))
        {
            var state = TrainingCheckpoint.Restore(resumePath, model, optimizer);
            sampler.FastForward(state.BatchesDrawn);
            trainLosses.AddRange(state.TrainLosses);
            evaluations.AddRange(state.Evaluations);
            firstStep = state.Step + 1;
            pruner?.ResumeAt(state.Step);
            if (watch is not null)
                foreach (var record in context.Metrics.Records.Where(r => r.Split == "validation" && r.Step <= state.Step))
                    watch.Observe(record.Step, record.Values);
            lastCheckpoint = resumePath;
            context.Progress.Message($"resuming after step {state.Step} from {resumePath}");
        }

        var clock = Stopwatch.StartNew();
        model.train();
        int lastStep = firstStep - 1;
        for (int step = firstStep; step <= config.Steps && watch?.ShouldStop != true; step++)
        {
            lastStep = step;
            double rate = schedule.At(step);
            var (total, terms) = Step(model, loss, optimizer, sampler, config, step, rate, lastCheckpoint);
            pruner?.OnStepEnd(step);
            trainLosses.Add(total);
            double tokensPerSecond = tokensPerStep * (step - firstStep + 1) / clock.Elapsed.TotalSeconds;
            context.Metrics.Train(step, total, terms, rate, tokensPerSecond);

            if (step % config.EvalEvery == 0 || step == config.Steps)
            {
                var values = EvalProbes.Measure(model, context.Config.Eval, config, splits.Validation, pruner);
                double validation = values[MeasureCatalog.Loss];
                if (!double.IsFinite(validation))
                    throw new TrainingDivergedException(step, "validation loss", validation, lastCheckpoint);
                evaluations.Add(new EvalPoint(step, validation));
                context.Metrics.Eval(step, "validation", values);
                bool improved = watch?.Observe(step, values) == true;
                if (context.CheckpointPath is { } path)
                {
                    TrainingCheckpoint.Save(path, new CheckpointState(step, sampler.Drawn, trainLosses, evaluations), model, optimizer);
                    lastCheckpoint = path;
                }
                if (improved) best?.Keep(model, context.CheckpointPath);
                if (watch is { ShouldStop: true })
                    context.Progress.Message(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"early stopping after step {step}: validation {watch.Metric} has not improved for {watch.SinceBest} evaluations (best {watch.Best:G6} at step {watch.BestStep})"));
            }
            context.Progress.Step(step, config.Steps, total, evaluations.LastOrDefault()?.Loss, tokensPerSecond);
            if (StopSignals.Requested is { } signal && step < config.Steps && watch?.ShouldStop != true)
            {
                if (context.CheckpointPath is { } stopPath && evaluations.LastOrDefault()?.Step != step)
                    TrainingCheckpoint.Save(stopPath, new CheckpointState(step, sampler.Drawn, trainLosses, evaluations), model, optimizer);
                context.Progress.Message($"{signal}: stopping after step {step}{(context.CheckpointPath is null ? "" : $", checkpoint written to {context.CheckpointPath}")}");
                throw new TrainingInterruptedException(step, signal, context.CheckpointPath);
            }
        }

        clock.Stop();
        int trainedSteps = trainLosses.Count;
        int? keptStep = null;
        if (best is not null && watch?.BestStep is { } bestStep)
        {
            keptStep = bestStep;
            if (bestStep != evaluations[^1].Step)
            {
                best.Restore(model);
                context.Progress.Message($"keeping the weights of step {bestStep}, the best validation {watch.Metric}");
            }
        }
        long tokensSeen = tokensPerStep * trainedSteps;
        long tokensThisSession = tokensPerStep * Math.Max(lastStep - firstStep + 1, 0);
        return new TrainingResult(model, trainLosses, evaluations, tokensSeen, clock.Elapsed,
            tokensThisSession / Math.Max(clock.Elapsed.TotalSeconds, 1e-9))
        {
            StoppedEarly = trainedSteps < config.Steps,
            KeptStep = keptStep,
        };
    }

    static (double Total, IReadOnlyList<(string Name, double Value)> Terms) Step(
        LanguageModel model, CompositeLoss loss, optim.Optimizer optimizer, BatchSampler sampler,
        TrainConfig config, int step, double rate, string? lastCheckpoint)
    {
        using var scope = NewDisposeScope();
        OptimizerFactory.SetLearningRate(optimizer, rate);
        optimizer.zero_grad();
        double total = 0;
        var termSums = new double[loss.Terms.Count];
        for (int micro = 0; micro < config.Accumulation; micro++)
        {
            var (inputs, targets) = sampler.Next();
            var value = loss.Compute(new LossInputs(model.call(inputs), targets, model, step));
            double microTotal = value.Total.item<float>();
            if (!double.IsFinite(microTotal))
                throw new TrainingDivergedException(step, "training loss", microTotal, lastCheckpoint);
            value.Total.DividedBy((long)config.Accumulation).backward();
            total += microTotal / config.Accumulation;
            for (int t = 0; t < termSums.Length; t++) termSums[t] += value.Terms[t].Value.item<float>() / config.Accumulation;
        }
        if (config.GradClip > 0) nn.utils.clip_grad_norm_(model.parameters(), config.GradClip);
        optimizer.step();
        return (total, loss.Terms.Select((t, i) => (t.Name, termSums[i])).ToList());
    }
}
