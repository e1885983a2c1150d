using System.Text.Json.Serialization;

namespace DslRunner.Config;

public enum OptimizerKind { AdamW, Adam, Sgd }

public enum DecayKind { Constant, Linear, Cosine }

/// <summary>
/// How a run's numbers depend on the machine. <see cref="Default"/> lets the math libraries pick this CPU's fastest
/// kernels (identical reruns on the same kind of machine); <see cref="Portable"/> pins them to a level every x86-64
/// CPU with AVX2 has (see <see cref="Native.NumericPins"/>).
/// </summary>
public enum Reproducibility { Default, Portable }

public sealed record OptimizerConfig(
    OptimizerKind Kind, double Lr, double WeightDecay, double Beta1, double Beta2, double Momentum);

/// <param name="Warmup">Linear warm-up steps.</param>
/// <param name="Decay">Shape of the decay after warm-up.</param>
/// <param name="MinLrRatio">Final learning rate as a fraction of the peak.</param>
public sealed record ScheduleConfig(int Warmup, DecayKind Decay, double MinLrRatio);

/// <param name="Batch">Sequences per optimizer step (before accumulation).</param>
/// <param name="Steps">Optimizer steps.</param>
/// <param name="EvalEvery">Evaluate on the validation split every this many steps (and at the end).</param>
/// <param name="EvalBatches">Validation batches per evaluation.</param>
/// <param name="Threads">Intra-op threads; part of the determinism contract.</param>
/// <param name="GradClip">Global gradient-norm clip; 0 = off.</param>
/// <param name="Accumulation">Micro-batches accumulated per optimizer step.</param>
/// <param name="Reproducibility">Default or portable numerics; left out of the JSON when default, so configs (and
/// their hashes) written before the key existed still read back unchanged.</param>
/// <param name="EarlyStopping">When to stop before <paramref name="Steps"/>; null trains every step.</param>
/// <param name="KeepBest">End with the weights of the best evaluation rather than the last.</param>
public sealed record TrainConfig(
    OptimizerConfig Optimizer,
    ScheduleConfig Schedule,
    int Batch,
    int Steps,
    int EvalEvery,
    int EvalBatches,
    int Threads,
    double GradClip,
    int Accumulation,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] Reproducibility Reproducibility = Reproducibility.Default,
    EarlyStoppingConfig? EarlyStopping = null,
    bool KeepBest = false);
