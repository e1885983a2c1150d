using DslRunner.Statistics;
using DslRunner.Data;
using DslRunner.Data.Corpora;
using DslRunner.Runs;
using DslRunner.Studies;
using DslRunner.Training;

namespace DslRunner.Experiments.Studies;

/// <summary>Seed 003: four tokenizers at one token budget (the sparsity part is the declared study seed003-sparsity).</summary>
public sealed class TokenizersStudy : IStudy
{
    public string Name => "seed003-tokenizers";

    public string Description => "Seed 003: char / word / BPE / WordPiece in bits per character";

    public static IReadOnlyList<IExperiment> Tokenizers =>
    [
        new Seed003Tokenizers(), new Seed003Tokenizers.WordVariant(), new Seed003Tokenizers.BpeVariant(), new Seed003Tokenizers.WordpieceVariant(),
    ];

    sealed record TokenizerPoint(StudyRun Run, int Vocabulary, double CharactersPerToken)
    {
        /// <summary>Test loss in bits per character: nats/token ÷ ln 2 ÷ characters/token.</summary>
        public double BitsPerCharacter => Run.TestValue("loss") / Math.Log(2) / CharactersPerToken;
    }

    public StudyReport Run(StudyContext context)
    {
        var tokenizers = Tokenizers.Select(experiment =>
        {
            (int Vocabulary, double CharactersPerToken) measured = default;
            var run = context.Run(experiment, inspect: (run, _) =>
                measured = (run.Data.Tokenizer.VocabularySize, CharactersPerToken(run)));
            return new TokenizerPoint(run, measured.Vocabulary, measured.CharactersPerToken);
        }).ToList();
        var best = tokenizers.MinBy(t => t.BitsPerCharacter)!;
        string Kind(StudyRun run) => run.Config.Tokenizer.Kind.ToString().ToLowerInvariant();
        var claims = new List<ClaimResult>
        {
            new("Subword tokens (BPE, WordPiece) model text best at one token budget",
                string.Join(", ", tokenizers.Select(t => $"{Kind(t.Run)} {Numbers.Format(t.BitsPerCharacter)}")) + " bits/char",
                Kind(best.Run) is "bpe" or "wordpiece" ? Verdict.Held : Verdict.DidNotHold,
                "held when BPE or WordPiece has the lowest test bits per character"),
        };

        var tokenizerTable = new StudyTable(["tokenizer", "vocabulary", "characters per token", "test loss (nats/token)", "bits per character", "training wall s"],
            [.. tokenizers.Select(t => (IReadOnlyList<string>)
            [
                Kind(t.Run), Numbers.Format(t.Vocabulary), Numbers.Format(t.CharactersPerToken), Numbers.Format(t.Run.TestValue("loss")),
                Numbers.Format(t.BitsPerCharacter), Numbers.Format(t.Run.TrainingWallTime.TotalSeconds),
            ])]);
        var bpcPlot = StudyPlots.Points(context, "bits_per_character.png", "test bits per character by tokenizer", "characters per token", "bits per character",
            tokenizers.Select(t => new PlotSeries(Kind(t.Run), [t.CharactersPerToken], [t.BitsPerCharacter])));

        return new StudyReport(
            "Seed 003 — tokens",
            "The study trains the same model on the same corpus and token budget with four tokenizers. Losses per token are not comparable " +
            "across tokenizers (a word token carries more text than a character token), so each test loss is converted to bits per character: " +
            "nats/token ÷ ln 2 ÷ characters per token, the characters per token counted on the corpus text (twice the budget) encoded whole. At one token budget the coarser " +
            "tokenizers also see more text; the word tokenizer maps rare words to one unknown token, which flatters its figure.",
            $"Tokenizers: {ScaleText.Of(tokenizers[0].Run.Config)}.",
            claims,
            [
                new("Tokenizers", "", tokenizerTable, [bpcPlot]),
            ]);
    }

    /// <summary>Characters of the corpus text covering twice the budget, per token the trained tokenizer makes of it.</summary>
    /// <remarks>Counted on the raw text, not on decoded tokens: a word tokenizer decodes an unknown word to one character.</remarks>
    static double CharactersPerToken(RunContext run)
    {
        string text = CorpusCatalog.Open(run.Config.Data, DataOptions.Default).ReadText(run.Config.Seed, checked((int)(2 * run.Config.Data.Tokens)));
        return text.Length / (double)run.Data.Tokenizer.Encode(text).Length;
    }
}
