using DslRunner.Statistics;
using DslRunner.Config;
using DslRunner.Geometry;
using DslRunner.Sparsity;
using DslRunner.Studies;
using static TorchSharp.torch;

namespace DslRunner.Experiments.Studies;

/// <summary>Seed 002: GPT-2 small declared, validated by the generator, built once to be counted, never trained.</summary>
public sealed class Gpt2SmallStudy : IStudy
{
    public const int Vocabulary = 50_257;
    public const long PublishedParameters = 124_439_808;

    public string Name => "seed002-gpt2-small";

    public string Description => "Seed 002: the GPT-2-small config declared and validated; parameter count and analytic figures (no training)";

    public StudyReport Run(StudyContext context)
    {
        var declared = Seed002Gpt2Small.Model;
        context.Progress.Message($"building {Seed002Gpt2Small.Name} ({Vocabulary:N0}-token vocabulary) to count it");
        Native.TorchRuntime.Configure(Seed002Gpt2Small.Training.Threads, Seed002Gpt2Small.Seed);
        using var model = new Seed002Gpt2Small().BuildModel(Vocabulary);
        long parameters = model.ParameterCount;
        var shapes = model.named_parameters().Select(p => (p.name, Shape: p.parameter.shape.ToArray())).ToList();
        long[] logitShape;
        double softmaxShift;
        using (var noGrad = no_grad())
        using (var scope = NewDisposeScope())
        {
            model.eval();
            var logits = model.call(tensor(new long[] { 464, 3290, 318, 257 }, [1, 4]));                    // (1, 4, V)
            logitShape = logits.shape;
            var last = logits[0, -1];
            softmaxShift = (last.softmax(-1) - (last + 3.5).softmax(-1)).abs().max().item<float>();
        }
        var analytic = ExpressiveCapacity.Of(declared, Vocabulary);
        double flopsPerToken = TrainingCost.Flops(parameters, 1);
        var stored = StoredSize.Of(model);
        var linear = shapes.First(s => s.Shape.Length == 2 && s.Shape[0] == 4 * declared.DModel);

        var claims = new List<ClaimResult>
        {
            new("GPT-2 small: V 50,257, d 768, 12 layers, 12 heads, context 1,024 (declared, validated at build time)",
                $"declared V {Vocabulary:N0}, d {declared.DModel}, {declared.Layers} layers, {declared.Heads} heads, context {declared.Context:N0}",
                declared is { DModel: 768, Layers: 12, Heads: 12, Context: 1024 } && Seed002Gpt2Small.Tokenizer.Vocab == Vocabulary ? Verdict.Held : Verdict.DidNotHold,
                "held when the generated configuration carries exactly these numbers"),
            new("Its parameter count is 124,439,808 with the output head tied to the embedding", $"{parameters:N0} parameters counted",
                parameters == PublishedParameters ? Verdict.Held : Verdict.DidNotHold, "held on an exact match"),
            new("Logits live in vocabulary space: one 50,257-dimensional vector per position", $"logits shape ({string.Join(", ", logitShape)})",
                logitShape[^1] == Vocabulary ? Verdict.Held : Verdict.DidNotHold, "held when the last dimension is V"),
            new("Softmax maps logit vectors with the same ordering and gaps to one probability vector",
                $"max |softmax(z) − softmax(z + 3.5)| = {softmaxShift:0.0e0} on the model's last-position logits",
                softmaxShift < 1e-6 ? Verdict.Held : Verdict.DidNotHold, "held below 1e-6 (float32)"),
            new("A layer is a projection Z = φ(X·Wᵀ + B) with W of shape d_out × d_in",
                $"{linear.name}: ({string.Join(" × ", linear.Shape)})",
                linear.Shape[1] == declared.DModel ? Verdict.Held : Verdict.DidNotHold, "held when the MLP's first weight is 3,072 × 768"),
        };
        var figures = new StudyTable(["figure", "value"],
        [
            ["parameters (tied head)", Numbers.Format(parameters)],
            ["float32 size", $"{stored.DenseBytes / 1048576.0:0.0} MiB"],
            ["training FLOPs per token (6·N)", Numbers.Format(flopsPerToken)],
            ["m (possibilities per unit = heads)", Numbers.Format(analytic.PossibilitiesPerUnit)],
            ["expressive capacity n·ln(m·h)", Numbers.Format(analytic.LogTotalPossibilities)],
            ["analytic dependency length n·ln(m·h)/ln V (tokens)", Numbers.Format(analytic.DependencyLength)],
            ["declared context (tokens)", Numbers.Format(declared.Context)],
        ]);
        var layers = new StudyTable(["parameter", "shape"],
            [.. shapes.Take(12).Select(s => (IReadOnlyList<string>)[s.name, string.Join(" × ", s.Shape)])]);
        return new StudyReport(
            "Seed 002 — GPT-2 small, declared and counted",
            "The GPT-2-small configuration is declared in seed002-gpt2-small.experiment.yaml, so the source generator validates it " +
            "(heads divide d_model, vocabulary in range) at build time. The study builds the model once on the CPU, counts its parameters, " +
            "runs one forward pass over four tokens to check the shape of the logits and softmax's shift invariance, then discards it.",
            $"No training: a {ScaleText.ModelOf(declared)} over {Vocabulary:N0} tokens, built once on the CPU, counted and discarded.",
            claims,
            [
                new("Figures", "The analytic figures take m = attention heads; seed 001 leaves m open. The analytic length is about a hundredth of the context.", figures),
                new("First parameters", "", layers),
            ]);
    }
}
