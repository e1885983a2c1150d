namespace DslRunner.Config;

/// <summary>
/// One experiment, fully resolved: every default is explicit. The source generator emits one of these per
/// declared experiment (and per variant and sweep point); a run with <c>--set</c> overrides binds one from the
/// experiment's declaration with the generator's own binder.
/// </summary>
public sealed record ExperimentConfig(
    string Name,
    string Description,
    int Seed,
    DataConfig Data,
    TokenizerConfig Tokenizer,
    ModelConfig Model,
    IReadOnlyList<LossTermConfig> Loss,
    TrainConfig Train,
    SparsityConfig? Sparsity,
    IReadOnlyList<DecoderConfig> Decode,
    EvalConfig Eval);
