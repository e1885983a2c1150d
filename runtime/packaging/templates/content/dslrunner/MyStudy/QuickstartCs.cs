using DslRunner.Config;
using DslRunner.Declarations;
using DslRunner.Losses;
using TorchSharp;

namespace MyStudy;

/// <summary>
/// The quickstart declared in C#, plus what YAML cannot say: a loss term written as a class, which the generated
/// training code calls directly.
/// </summary>
[Experiment("quickstart-cs", Seed = 1234, Description = "The quickstart in C#, with a small penalty on the size of the logits.")]
[Data(Corpus = CorpusKind.Synthetic, Tokens = 1000000, Validation = 0.05, Test = 0.05)]
[Tokenizer(Kind = TokenizerKind.Char)]
[Transformer(Layers = 2, DModel = 128, Heads = 4, Context = 64, Head = OutputHead.Tied)]
[CrossEntropyLoss]
[LossTerm(typeof(LogitMagnitude))]
[Train(Batch = 32, Steps = 600, EvalEvery = 100, Threads = 2)]
[Optimizer(Kind = OptimizerKind.AdamW, Lr = 3.0e-3, WeightDecay = 0.1)]
[Schedule(Warmup = 20, Decay = DecayKind.Cosine)]
[GreedyDecoder(MaxTokens = 160)]
[Eval(Prompts = new[] { "the " })]
public partial class QuickstartCs { }

/// <summary>A small penalty on the size of the logits, logged as its own loss term.</summary>
public sealed class LogitMagnitude : LossTerm
{
    public override string Name => "logit_magnitude";
    public override torch.Tensor Compute(LossInputs inputs) => inputs.Logits.abs().mean() * 1e-3;
}
