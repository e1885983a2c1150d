namespace DslRunner.Tests.Review;

/// <summary>
/// One repository, one commit per kind of change a reviewer meets. Each scenario is reviewed from the commit before
/// it to its own commit; the last one (a diagnostic) lives in the working tree.
/// </summary>
public sealed class ReviewScenarios : IDisposable
{
    public const string Base = "experiments/pinned/tiny.base.experiment.yaml";
    public const string Solo = "experiments/solo.experiment.yaml";
    public const string Gamma = "experiments/pinned/tiny-gamma.experiment.yaml";
    public const string CSharp = "experiments/Declared/CsLab.cs";
    public const string Study = "experiments/pinned/tiny-compare.study.yaml";

    public ReviewRepository Repository { get; } = new();

    /// <summary>Scenario name → (base commit, head commit).</summary>
    public IReadOnlyDictionary<string, (string Base, string Head)> Steps { get; }

    public string Last { get; }

    public ReviewScenarios()
    {
        var repo = Repository;
        repo.Write("experiments/Lab.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <RootNamespace>Lab.Experiments</RootNamespace>\n  </PropertyGroup>\n</Project>\n");
        repo.Write(Base, """
            abstract: true
            seed: 7
            data: { corpus: synthetic, tokens: 20000, validation: 0.1, test: 0.1 }
            tokenizer: { kind: char }
            model: { kind: transformer, layers: 1, d_model: 32, heads: 2, context: 16, head: tied }
            loss:
              - cross_entropy: {}
            train:
              optimizer: { kind: adamw, lr: 1.0e-2 }
              batch: 4
              steps: 10
              eval_every: 5
              threads: 1

            """);
        foreach (var (file, name, extra) in new[]
                 {
                     ("tiny-alpha", "tiny-alpha", ""),
                     ("tiny-beta", "tiny-beta", "decode:\n  - greedy: { max_tokens: 8 }\n"),
                     ("tiny-gamma", "tiny-gamma", "train: { steps: 12 }\n"),
                 })
            repo.Write($"experiments/pinned/{file}.experiment.yaml", $"experiment: {name}\nextends: tiny.base.experiment.yaml\n{extra}");
        repo.Write(Solo, """
            experiment: solo
            description: A standalone experiment with a sweep.
            seed: 1
            data: { corpus: synthetic, tokens: 20000, validation: 0.1, test: 0.1 }
            tokenizer: { kind: char }
            model: { kind: transformer, layers: 2, d_model: 32, heads: 4, context: 16, head: tied }
            loss:
              - cross_entropy: {}
            train:
              optimizer: { kind: adamw, lr: 3.0e-3 }
              batch: 4
              steps: 100
              eval_every: 50
              threads: 1
            sweep:
              train.optimizer.lr: [1.0e-3, 3.0e-3]

            """);
        repo.Write(CSharp, """
            using DslRunner.Config;
            using DslRunner.Declarations;

            namespace Lab.Declared;

            [Experiment("cs-lab", Seed = 3, Description = "Declared in C#")]
            [Data(Corpus = CorpusKind.Synthetic, Tokens = 20000, Validation = 0.1, Test = 0.1)]
            [Tokenizer(Kind = TokenizerKind.Char)]
            [Transformer(Layers = 1, DModel = 32, Heads = 2, Context = 16, Head = OutputHead.Tied)]
            [CrossEntropyLoss]
            [LossTerm(typeof(SmallPenalty))]
            [Train(Batch = 4, Steps = 100, EvalEvery = 50, Threads = 1)]
            [Optimizer(Kind = OptimizerKind.AdamW, Lr = 3.0e-3)]
            [Sweep("model.d_model", 32, 64)]
            public partial class CsLab { }

            public sealed class SmallPenalty : DslRunner.Losses.LossTerm { }

            """);
        string initial = repo.Commit("Experiments");

        var steps = new Dictionary<string, (string, string)>();
        string previous = initial;
        void Step(string name, Action edit)
        {
            edit();
            string commit = repo.Commit(name);
            steps[name] = (previous, commit);
            previous = commit;
        }

        Step("direct-key-edit", () => repo.Edit(Solo, "steps: 100", "steps: 200"));
        Step("base-file-edit", () => repo.Edit(Base, "d_model: 32", "d_model: 64"));
        Step("rename", () => repo.Edit(Gamma, "experiment: tiny-gamma", "experiment: tiny-delta"));
        Step("added-variant", () => repo.Edit(Solo, "sweep:", "variants:\n  wide: { model.d_model: 64 }\nsweep:"));
        Step("new-sweep-value", () => repo.Edit(Solo, "[1.0e-3, 3.0e-3]", "[1.0e-3, 3.0e-3, 1.0e-2]"));
        Step("csharp-edit", () => repo.Edit(CSharp, "Steps = 100", "Steps = 150"));
        Step("added-experiment", () => repo.Write("experiments/pinned/tiny-epsilon.experiment.yaml",
            "experiment: tiny-epsilon\nextends: tiny.base.experiment.yaml\nsweep:\n  train.batch: [4, 8]\n"));
        Step("added-study", () => repo.Write(Study, """
            study: tiny-compare
            seeds: [1, 2]
            arms:
              alpha: { experiment: tiny-alpha, set: { data.seed: 1 } }
              short: { experiment: tiny-alpha, set: { data.seed: 1, train.steps: 5 } }
            measures: [loss]
            controls:
              alpha-learns: { check: "loss@last[alpha] - loss@start[alpha] < 0" }
            claims:
              longer-is-better:
                text: Twice the steps lower the loss
                check: loss[alpha] - loss[short] < 0
                needs: [alpha-learns]
            budgets:
              quick: {}

            """));
        Step("study-edit", () =>
        {
            repo.Edit(Study, "train.steps: 5", "train.steps: 4");
            repo.Edit(Study, "    text: Twice the steps lower the loss", "    text: Twice the steps lower the loss\n    kind: mechanism");
            repo.Edit(Study, "  quick: {}", "  quick: {}\n  full: { seeds: [1, 2, 3], set: { train.steps: 20 }, arms: { short: { set: { train.steps: 8 } } }, runtime: a minute }");
        });
        Steps = steps;
        Last = previous;
        // The head with a diagnostic: an uncommitted edit, so the review reads the working tree.
        repo.Edit(Solo, "layers: 2", "layers: two");
    }

    public void Dispose() => Repository.Dispose();
}
