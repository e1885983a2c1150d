using System.Linq;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Measures;
using DslRunner.Generator.Model;

namespace DslRunner.Generator.Schema;

/// <summary>Every key of an experiment declaration, its type, default, range and the runtime record it binds to.</summary>
public static class ExperimentSchema
{
    const string Config = "global::DslRunner.Config.";
    const string Models = "global::DslRunner.Models.";
    const string Losses = "global::DslRunner.Losses.";
    const string Decoding = "global::DslRunner.Decoding.";
    const string Tokenizers = "global::DslRunner.Tokenizers.";
    const string Corpora = "global::DslRunner.Data.Corpora.";

    public const string ExperimentKey = "experiment";
    public const string ExtendsKey = "extends";
    public const string AbstractKey = "abstract";
    public const string VariantsKey = "variants";
    public const string SweepKey = "sweep";

    /// <summary>A model feature: decoding reuses per-position keys and values, so looking ahead one step is cheap.</summary>
    public const string KvCache = "a KV cache";

    static FieldDefault Int(long value) => FieldDefault.Of(new IntegerValue(value, null));
    static FieldDefault Number(double value) => FieldDefault.Of(new NumberValue(value, null));
    static FieldDefault Text(string value) => FieldDefault.Of(new StringValue(value, null));
    static FieldDefault Null => FieldDefault.Of(new NullValue(null));
    static FieldDefault Choose(ChoiceType type, string name)
    {
        var choice = type.Find(name)!;
        return FieldDefault.Of(new EnumValue(type.CSharpType!, choice.Member, choice.Name, null));
    }
    static FieldDefault Strings(params string[] values) => FieldDefault.Of(new ListValue(
        "string", new EquatableArray<ConfigValue>(System.Array.ConvertAll(values, v => (ConfigValue)new StringValue(v, null))), null));

    public static readonly ChoiceType Corpus = new("corpus", Config + "CorpusKind",
    [
        new("synthetic", "Synthetic", "Built-in corpus generated from the seed (no download)") { Record = Corpora + "SyntheticCorpusKind" },
        new("text", "Text", "Plain text files: data.path is a file, folder or glob") { ReadsPath = true, Record = Corpora + "TextCorpusKind" },
        new("chinese-poetry", "ChinesePoetry", "Classical Chinese poetry") { Record = Corpora + "ChinesePoetryCorpusKind" },
        new("brown", "Brown", "The Brown corpus") { Record = Corpora + "BrownCorpusKind" },
    ]);

    public static readonly ChoiceType TokenizerKind = new("tokenizer kind", Config + "TokenizerKind",
    [
        new("char", "Char", "One token per character") { VocabularyOfCorpus = true, Record = Tokenizers + "CharTokenizerKind" },
        new("word", "Word", "Whitespace-separated words (trained vocabulary)")
            { MinimumVocabulary = (16, "an unknown-word token and the most frequent words"), Record = Tokenizers + "WordTokenizerKind" },
        new("bpe", "Bpe", "Byte-pair encoding trained on the corpus")
            { MinimumVocabulary = (256, "its byte alphabet has 256 symbols"), Record = Tokenizers + "BpeTokenizerKind" },
        new("wordpiece", "WordPiece", "WordPiece trained on the corpus")
            { MinimumVocabulary = (128, "its alphabet and special tokens come first"), Record = Tokenizers + "WordPieceTokenizerKind" },
        new("cl100k", "Cl100k", "The fixed cl100k_base vocabulary") { FixedVocabulary = 100277, Record = Tokenizers + "Cl100kTokenizerKind" },
        new("byte", "Byte", "The UTF-8 bytes of the text as 256 ids") { FixedVocabulary = 256, Record = Tokenizers + "ByteTokenizerKind" },
    ]);

    public static readonly ChoiceType Head = new("output head", Config + "OutputHead",
    [
        new("dot", "Dot", "A separate linear projection to the vocabulary"),
        new("tied", "Tied", "Dot product with the token embeddings"),
        new("cosine", "Cosine", "Scaled cosine similarity with the token embeddings"),
    ]);

    public static readonly ChoiceType Positions = new("position encoding", Config + "PositionEncoding",
    [
        new("learned", "Learned", "A learned vector per position; the model reads at most its context"),
        new("rope", "Rope", "Rotary positions; past the context every layer attends to the last context positions"),
    ]);

    public static readonly ChoiceType Optimizer = new("optimizer", Config + "OptimizerKind",
    [
        new("adamw", "AdamW", "Adam with decoupled weight decay"),
        new("adam", "Adam", "Adam"),
        new("sgd", "Sgd", "Stochastic gradient descent with momentum"),
    ]);

    public static readonly ChoiceType Decay = new("decay", Config + "DecayKind",
    [
        new("constant", "Constant", "Keep the peak rate"),
        new("linear", "Linear", "Linear decay to min_lr_ratio"),
        new("cosine", "Cosine", "Cosine decay to min_lr_ratio"),
    ]);

    public static readonly ChoiceType Reproducibility = new("reproducibility", Config + "Reproducibility",
    [
        new("default", "Default", "The math libraries use this CPU's fastest kernels; reruns match on the same kind of machine"),
        new("portable", "Portable", "MKL, oneDNN and ATen pinned to AVX2 and deterministic algorithms on; reruns match on any x86-64 CPU with AVX2"),
    ]);

    public static readonly ChoiceType StoppingMode = new("early-stopping mode", Config + "StoppingMode",
    [
        new("min", "Min", "Lower is better (a loss, perplexity, entropy)"),
        new("max", "Max", "Higher is better"),
    ]);

    public static readonly ChoiceType PruningMethod = new("pruning method", Config + "PruningMethod",
    [
        new("magnitude", "Magnitude", "Remove the smallest weights"),
    ]);

    public static readonly ChoiceType PruningScope = new("pruning scope", Config + "PruningScope",
    [
        new("global", "Global", "Rank weights across the whole model"),
        new("layer", "Layer", "Rank weights within each layer"),
    ]);

    public static readonly ChoiceType CandidatePick = new("candidate pick", Decoding + "CandidatePick",
    [
        new("best", "Best", "Take the best-scored candidate (ties go to the more probable)"),
        new("sample", "Sample", "Draw a candidate in proportion to its score"),
    ]);

    /// <summary>Figures measured beside the held-out loss (which is always measured), each only when listed.</summary>
    public static readonly ChoiceType Metric = new("metric", null,
        MeasureCatalog.Listed.Select(m => new Choice(m.Name, m.Name, m.Description)).ToList());

    /// <summary>
    /// The run figures each <see cref="Metric"/> adds to the held-out records when listed: the runtime's <c>EvalProbes</c>
    /// records them under these keys, and a study check on a figure an arm never lists is caught here.
    /// </summary>
    public static readonly System.Collections.Generic.IReadOnlyDictionary<string, string[]> MetricFigures =
        MeasureCatalog.Listed.ToDictionary(m => m.Name, m => m.AllFigures.ToArray());

    /// <summary>The figures measured at every evaluation on the validation split, beside the loss: what early stopping may watch.</summary>
    public static readonly System.Collections.Generic.IReadOnlyList<string> ValidationFigures = MeasureCatalog.ValidationFigures.ToList();

    /// <summary>Every choice set bound to a runtime enum, for the C# front end to map enum members back to names.</summary>
    public static System.Collections.Generic.IReadOnlyList<ChoiceType> Choices =>
        [Corpus, TokenizerKind, Head, Positions, Optimizer, Decay, StoppingMode, PruningMethod, PruningScope, CandidatePick];

    public static readonly RecordType Data = new("data", Config + "DataConfig", "Where the text comes from and how much of it is used",
    [
        new("corpus", "Corpus", Corpus, Choose(Corpus, "synthetic"), "Corpus to read"),
        new("tokens", "Tokens", new IntegerType(1, "long"), Null, "Token budget, all splits together (set this or bytes)", Nullable: true),
        new("bytes", "Bytes", new IntegerType(1, "long"), Null,
            "Text budget in UTF-8 bytes, all splits together (set this or tokens): the text and its splits are cut by bytes before tokenizing, so every tokenizer reads the same text",
            Nullable: true),
        new("validation", "Validation", NumberType.Fraction, Number(0.05), "Fraction held out for validation"),
        new("test", "Test", NumberType.Fraction, Number(0.05), "Fraction held out for testing"),
        new("path", "Path", StringType.Instance, Null, "File, folder or glob for corpus: text", Nullable: true),
        new("seed", "Seed", new IntegerType(0), Null, "Seed of the text, tokenizer and splits; null = the experiment's seed", Nullable: true),
        new("train_tokens", "TrainTokens", new IntegerType(1, "long"), Null,
            "Train on only the first this many training tokens; tokenizer and held-out splits unchanged; null = all", Nullable: true),
        new(RecallShareKey, "RecallShare", NumberType.Probability, Null,
            "Synthetic corpus: the chance that each next item of the text is a keep/recall episode rather than a plain sentence; null = 0.25",
            Nullable: true),
        new(RecallNamesKey, "RecallNames", new IntegerType(1), Null,
            "Synthetic corpus: the most names a keep/recall episode's key holds; each key is a span of 1 to this many names; null = 1",
            Nullable: true),
    ]);

    /// <summary>Data keys that only the synthetic corpus reads (<see cref="Validation.ExperimentRules"/> refuses them elsewhere).</summary>
    public const string RecallShareKey = "recall_share", RecallNamesKey = "recall_names";

    public static readonly string[] SyntheticOnlyKeys = [RecallShareKey, RecallNamesKey];

    public static readonly RecordType Tokenizer = new("tokenizer", Config + "TokenizerConfig", "How text becomes tokens",
    [
        new("kind", "Kind", TokenizerKind, Choose(TokenizerKind, "char"), "Tokenizer family"),
        new("vocab", "Vocab", new IntegerType(0), Int(0), "Target vocabulary size for trained tokenizers; 0 = what the corpus needs"),
    ]);

    public static readonly RecordType Transformer = new("transformer", Models + "TransformerConfig", "GPT-style decoder-only transformer",
    [
        new("layers", "Layers", new IntegerType(1), FieldDefault.Required, "Pre-LN transformer blocks"),
        new("d_model", "DModel", new IntegerType(1), FieldDefault.Required, "Width of the residual stream"),
        new("heads", "Heads", new IntegerType(1), FieldDefault.Required, "Attention heads per block"),
        new("context", "Context", new IntegerType(1), FieldDefault.Required, "Longest sequence the model sees"),
        new("head", "Head", Head, Choose(Head, "tied"), "Output head"),
        new("dropout", "Dropout", NumberType.Fraction, Number(0), "Dropout probability in training"),
        new("cosine_scale", "CosineScale", NumberType.Above(0), Null, "Scale of the cosine head's logits; null = learned", Nullable: true),
        new("positions", "Positions", Positions, Choose(Positions, "learned"), "Learned positions or rotary ones (sliding-window attention past the context)"),
    ],
    attribute: "Transformer", provides: [KvCache]);

    public static readonly RecordType Lstm = new("lstm", Models + "LstmConfig", "LSTM language model",
    [
        new("embedding", "Embedding", new IntegerType(1), FieldDefault.Required, "Token vector size"),
        new("hidden", "Hidden", new IntegerType(1), FieldDefault.Required, "LSTM hidden size"),
        new("layers", "Layers", new IntegerType(1), FieldDefault.Required, "Stacked LSTM layers"),
        new("context", "Context", new IntegerType(1), FieldDefault.Required, "Training sequence length"),
        new("head", "Head", Head, Choose(Head, "dot"), "Output head (tied needs embedding == hidden)"),
        new("dropout", "Dropout", NumberType.Fraction, Number(0), "Dropout probability in training"),
    ],
    attribute: "Lstm", provides: ["a recurrent state"]);

    public static readonly RecordType Bigram = new("bigram", Models + "BigramConfig", "The next token from the current token alone: a control for context",
    [
        new("embedding", "Embedding", new IntegerType(1), FieldDefault.Required, "Token vector size"),
        new("context", "Context", new IntegerType(1), FieldDefault.Required, "Training sequence length"),
        new("head", "Head", Head, Choose(Head, "tied"), "Output head"),
        new("dropout", "Dropout", NumberType.Fraction, Number(0), "Dropout probability in training"),
    ],
    attribute: "Bigram");

    public static readonly KindUnionType Model = new("model kind", Config + "ModelConfig", [Transformer, Lstm, Bigram]);

    public static readonly RecordType CrossEntropy = new("cross_entropy", Losses + "CrossEntropyConfig", "Mean next-token cross-entropy", [],
        attribute: "CrossEntropyLoss");

    public static readonly RecordType Capacity = new("capacity", Losses + "CapacityLossConfig", "Seed 000 capacity constraint weight·(1/C − 1/C_target)²",
    [
        // 'weight' as in every other loss term; 'lambda' was its first spelling.
        new("weight", "Weight", NumberType.AtLeast(0), FieldDefault.Required, "Penalty weight ≥ 0 (seed 000's λ)", FormerKey: "lambda"),
        new("target", "Target", NumberType.Probability, FieldDefault.Required, "Target capacity in (0, 1]"),
        new("warmup", "Warmup", new IntegerType(0), Int(0), "Steps over which the weight ramps up from 0"),
    ],
    attribute: "CapacityLoss");

    public static readonly RecordType L1 = new("l1", Losses + "L1Config", "L1 penalty on the weight matrices",
    [
        new("weight", "Weight", NumberType.AtLeast(0), FieldDefault.Required, "Penalty weight ≥ 0"),
    ],
    attribute: "L1Loss");

    public static readonly RecordType LogitMean = new("logit_mean", Losses + "LogitMeanConfig", "Seed 000 penalty weight·|mean(logits)| on each batch",
    [
        new("weight", "Weight", NumberType.AtLeast(0), FieldDefault.Required, "Penalty weight ≥ 0"),
    ],
    attribute: "LogitMeanLoss");

    public static readonly TaggedListType Loss = new("loss term", Config + "LossTermConfig", [CrossEntropy, Capacity, L1, LogitMean], minimumCount: 1);

    static readonly Field MaxTokens =
        new("max_tokens", "MaxTokens", new IntegerType(1), Int(100), "Tokens generated per prompt");

    static readonly Field Temperature =
        new("temperature", "Temperature", NumberType.Above(0), Number(1), "Softmax temperature > 0");

    /// <summary>The key of a decoder's metrics; see <see cref="Validation.ExperimentRules"/> for its form and uniqueness.</summary>
    public static readonly Field DecoderName = new("name", "Name", StringType.Instance, Null,
        "Key of this decoder's metrics (decode/<name>/...); null = its kind. Needed when two decoders of one kind are declared",
        Nullable: true);

    public static readonly RecordType Greedy = new("greedy", Decoding + "GreedyConfig", "Always the most probable token", [MaxTokens, DecoderName],
        attribute: "GreedyDecoder");

    public static readonly RecordType Beam = new("beam", Decoding + "BeamConfig", "Beam search",
    [
        MaxTokens,
        new("width", "Width", new IntegerType(1), Int(4), "Beams kept per step"),
        new("length_penalty", "LengthPenalty", NumberType.AtLeast(0), Number(1), "Length normalisation exponent"),
        DecoderName,
    ],
    attribute: "BeamDecoder");

    public static readonly RecordType Sample = new("sample", Decoding + "SampleConfig", "Sampling with temperature and optional top-k",
    [
        MaxTokens,
        Temperature,
        new("top_k", "TopK", new IntegerType(0), Int(0), "Keep the k most probable tokens; 0 = off"),
        new("repetition_penalty", "RepetitionPenalty", NumberType.AtLeast(1), Number(1), "Penalty ≥ 1 on repeated tokens; 1 = off"),
        DecoderName,
    ],
    attribute: "SamplingDecoder");

    public static readonly RecordType TopP = new("top_p", Decoding + "TopPConfig", "Nucleus sampling",
    [
        MaxTokens,
        new("p", "P", NumberType.Probability, Number(0.9), "Nucleus mass in (0, 1]"),
        Temperature,
        new("dynamic_step", "DynamicStep", NumberType.AtLeast(0), Number(0),
            "Dynamic top-p: p rises by this step while the last 4 tokens repeat earlier text and falls back towards p when not; 0 = fixed p"),
        DecoderName,
    ],
    attribute: "TopPDecoder");

    public static readonly RecordType CapacitySaving = new("capacity_saving", Decoding + "CapacitySavingConfig",
        "Seed 001 decoder: strength^weight / possibilities of the next step",
    [
        MaxTokens,
        new("p", "P", NumberType.Probability, Number(0.9), "Nucleus mass in (0, 1]"),
        new("weight", "Weight", NumberType.AtLeast(0), Number(1),
            "Exponent w of the dependency strength in strength^w / possibilities: 0 = fewest possibilities, 1 = seed 001's formula, larger = closer to the most probable"),
        new("pick", "Pick", CandidatePick, Choose(CandidatePick, "best"), "Take the best score or sample in proportion to the scores"),
        DecoderName,
    ],
    attribute: "CapacitySavingDecoder", needs: KvCache);

    public static readonly RecordType MinP = new("min_p", Decoding + "MinPConfig", "Min-p sampling: tokens at least min_p times as probable as the top one",
    [
        MaxTokens,
        new("min_p", "MinP", NumberType.Probability, Number(0.1), "Fraction of the top token's probability a token needs, in (0, 1]"),
        Temperature,
        DecoderName,
    ],
    attribute: "MinPDecoder");

    public static readonly TaggedListType Decode = new("decoder", Config + "DecoderConfig", [Greedy, Beam, Sample, TopP, CapacitySaving, MinP]);

    public static readonly RecordType OptimizerSettings = new("optimizer", Config + "OptimizerConfig", "Optimizer and its hyper-parameters",
    [
        new("kind", "Kind", Optimizer, Choose(Optimizer, "adamw"), "Optimizer"),
        new("lr", "Lr", NumberType.Above(0), Number(3e-4), "Peak learning rate"),
        new("weight_decay", "WeightDecay", NumberType.AtLeast(0), Number(0), "Decoupled weight decay (matrices only)"),
        new("beta1", "Beta1", NumberType.Fraction, Number(0.9), "Adam β1"),
        new("beta2", "Beta2", NumberType.Fraction, Number(0.999), "Adam β2"),
        new("momentum", "Momentum", NumberType.Fraction, Number(0), "SGD momentum"),
    ]);

    public static readonly RecordType Schedule = new("schedule", Config + "ScheduleConfig", "Learning-rate schedule",
    [
        new("warmup", "Warmup", new IntegerType(0), Int(0), "Linear warm-up steps"),
        new("decay", "Decay", Decay, Choose(Decay, "constant"), "Decay after warm-up"),
        new("min_lr_ratio", "MinLrRatio", new NumberType(0, false, 1, false), Number(0.1), "Final rate as a fraction of the peak"),
    ]);

    public static readonly RecordType EarlyStopping = new("early_stopping", Config + "EarlyStoppingConfig",
        "Stop training when a validation figure has not improved for a number of evaluations",
    [
        new("metric", "Metric", StringType.Instance, Text("loss"), "The validation figure watched: loss, or a figure of a listed eval.metrics entry measured at every evaluation"),
        new("mode", "Mode", StoppingMode, Choose(StoppingMode, "min"), "min: lower is better; max: higher is better"),
        new("patience", "Patience", new IntegerType(1), FieldDefault.Required, "Evaluations without improvement before training stops"),
        new("min_delta", "MinDelta", NumberType.AtLeast(0), Number(0), "An improvement of at most this much does not count"),
    ]);

    public static readonly RecordType Train = new("train", Config + "TrainConfig", "The training loop",
    [
        new("optimizer", "Optimizer", OptimizerSettings, FieldDefault.EmptyRecord, "Optimizer"),
        new("schedule", "Schedule", Schedule, FieldDefault.EmptyRecord, "Learning-rate schedule"),
        new("batch", "Batch", new IntegerType(1), FieldDefault.Required, "Sequences per optimizer step"),
        new("steps", "Steps", new IntegerType(1), FieldDefault.Required, "Optimizer steps"),
        new("eval_every", "EvalEvery", new IntegerType(1), Int(100), "Validate every this many steps (and at the end)"),
        new("eval_batches", "EvalBatches", new IntegerType(1), Int(8), "Validation batches per evaluation"),
        new("threads", "Threads", new IntegerType(1), Int(1), "Intra-op threads (part of the determinism contract)"),
        new("grad_clip", "GradClip", NumberType.AtLeast(0), Number(1), "Global gradient-norm clip; 0 = off"),
        new("accumulation", "Accumulation", new IntegerType(1), Int(1), "Micro-batches per optimizer step"),
        new("reproducibility", "Reproducibility", Reproducibility, Choose(Reproducibility, "default"),
            "default: fastest kernels for this CPU; portable: kernels pinned to AVX2 and deterministic algorithms, so a run regenerates bit for bit on the same CPU model"),
        new("early_stopping", "EarlyStopping", EarlyStopping, Null, EarlyStopping.Description, Nullable: true),
        new("keep_best", "KeepBest", BooleanType.Instance, FieldDefault.Of(new BooleanValue(false, null)),
            "End with the weights of the best evaluation (by early_stopping's metric and mode, else the validation loss), not the last"),
    ]);

    public static readonly RecordType Sparsity = new("sparsity", Config + "SparsityConfig", "Magnitude pruning during training",
    [
        new("method", "Method", PruningMethod, Choose(PruningMethod, "magnitude"), "How weights are chosen"),
        new("target", "Target", NumberType.Fraction, FieldDefault.Required, "Final fraction of zero weights"),
        new("start", "Start", new IntegerType(0), Int(0), "Step at which pruning begins"),
        new("end", "End", new IntegerType(1), FieldDefault.Required, "Step at which the target is reached"),
        new("scope", "Scope", PruningScope, Choose(PruningScope, "global"), "Rank weights globally or per layer"),
        new("every", "Every", new IntegerType(1), Int(50), "Re-prune every this many steps"),
    ]);

    public static readonly RecordType Eval = new("eval", Config + "EvalConfig", "What is measured and decoded at the end",
    [
        new("metrics", "Metrics", new ListType(Metric, "string", 0) { AcceptsCSharpTypes = true }, Strings("perplexity", "capacity"),
            "Figures reported beside the held-out loss at every evaluation; in C#, [Metric(typeof(T))] adds T's figure at the end"),
        new("prompts", "Prompts", new ListType(StringType.Instance, "string", 0), Strings(), "Prompts decoded at the end of a run"),
    ]);

    public static readonly RecordType Experiment = new("experiment", Config + "ExperimentConfig", "One language-model experiment",
    [
        new(ExperimentKey, "Name", StringType.Instance, FieldDefault.Required, "Unique name; the C# class name derives from it"),
        new("description", "Description", StringType.Instance, Text(""), "One line for listings and reports"),
        new(ExtendsKey, null, new DirectiveType("a relative path to another experiment file", "string"), Null,
            "Start from another experiment file, then override"),
        new(AbstractKey, null, new DirectiveType("true or false", "boolean"), Null,
            "A base for other files to extend: validated when extended, never run on its own"),
        new("seed", "Seed", new IntegerType(0), Int(0), "Seed of initialisation, batch order and sampling, and of the data unless data.seed is set"),
        new("data", "Data", Data, FieldDefault.Required, Data.Description),
        new("tokenizer", "Tokenizer", Tokenizer, FieldDefault.EmptyRecord, Tokenizer.Description),
        new("model", "Model", Model, FieldDefault.Required, "The network"),
        new("loss", "Loss", Loss, FieldDefault.Of(new ListValue(Config + "LossTermConfig",
            new EquatableArray<ConfigValue>([new RecordValue(CrossEntropy.CSharpType, CrossEntropy.Tag, EquatableArray<ConfigArgument>.Empty, null)]), null)),
            "Loss terms, summed"),
        new("train", "Train", Train, FieldDefault.Required, Train.Description),
        new("sparsity", "Sparsity", Sparsity, Null, Sparsity.Description, Nullable: true),
        new("decode", "Decode", Decode, FieldDefault.Of(new ListValue(Config + "DecoderConfig", EquatableArray<ConfigValue>.Empty, null)),
            "Decoders run on the prompts, in order"),
        new("eval", "Eval", Eval, FieldDefault.EmptyRecord, Eval.Description),
        new(VariantsKey, null, new DirectiveType("a mapping of variant names to overrides", "object"), Null,
            "Typed sibling experiments: name → { dotted.path: value }; a model mapping of another kind replaces the model"),
        new(SweepKey, null, new DirectiveType("a mapping of dotted paths to value lists", "object"), Null,
            "One experiment per combination of the listed values; a list of model mappings sweeps over model kinds"),
    ]);
}
