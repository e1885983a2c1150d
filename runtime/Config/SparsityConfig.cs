namespace DslRunner.Config;

public enum PruningMethod { Magnitude }

public enum PruningScope { Global, Layer }

/// <param name="Method">How weights are chosen for pruning.</param>
/// <param name="Target">Final fraction of zero weights.</param>
/// <param name="Start">Step at which pruning begins.</param>
/// <param name="End">Step at which <paramref name="Target"/> is reached.</param>
/// <param name="Scope">Rank weights across the whole model or per layer.</param>
/// <param name="Every">Re-prune every this many steps between start and end.</param>
public sealed record SparsityConfig(PruningMethod Method, double Target, int Start, int End, PruningScope Scope, int Every);
