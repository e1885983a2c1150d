using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Data.Corpora;
using DslRunner.Generator.Schema;
using DslRunner.Models;
using DslRunner.Studies;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Catalog;

/// <summary>
/// Tokenizer kinds and corpora are components of the catalog like models: each choice names its runtime record, the
/// runtime builds through that record, and what a kind must tell is an abstract member of it. Model kinds tell their
/// cost and their description the same way.
/// </summary>
public sealed class CatalogKindTests : IDisposable
{
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> TokenizerKinds() => [.. ExperimentSchema.TokenizerKind.Choices.Select(c => c.Name)];

    public static TheoryData<string> Corpora() => [.. ExperimentSchema.Corpus.Choices.Select(c => c.Name)];

    static string Unprefixed(string type) => type["global::".Length..];

    [Theory]
    [MemberData(nameof(TokenizerKinds))]
    public void Each_tokenizer_kind_is_built_saved_and_restored_through_its_record_and_tells_its_unknown_token(string name)
    {
        var choice = ExperimentSchema.TokenizerKind.Find(name)!;
        var kind = Enum.Parse<TokenizerKind>(choice.Member);
        var record = TokenizerFactory.Of(kind);
        string text = string.Concat(Enumerable.Repeat("the cat sat on the mat and the dog sat on the log. ", 40));

        var tokenizer = TokenizerFactory.Train(new TokenizerConfig(kind, 0), text);
        string path = Path.Combine(_folder.Path, name, TokenizerStore.FileName);
        TokenizerStore.Save(tokenizer, path);
        var restored = TokenizerStore.Load(path);

        Assert.Equal(Unprefixed(choice.Record!), record.GetType().FullName);
        Assert.Equal(name, tokenizer.Name);
        Assert.NotEmpty(tokenizer.Encode("the cat"));
        if (choice.FixedVocabulary > 0) Assert.Equal(choice.FixedVocabulary, tokenizer.VocabularySize);
        const string unseen = " \u2603 zqxj";
        if (record.UnknownId is int unknown) Assert.Contains(unknown, tokenizer.Encode(unseen));
        else Assert.Equal(unseen, tokenizer.Decode(tokenizer.Encode(unseen)));
        Assert.Equal(tokenizer.Encode("the cat"), restored.Encode("the cat"));
        Assert.True(record.CodeVersion >= 1);
        Assert.All(TokenizerCodeVersion.Files(kind),
            file => Assert.True(File.Exists(Path.Combine(Snapshot.RepositoryRoot(), "runtime", "Tokenizers", file)), $"{name}: {file} does not exist"));
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void Each_corpus_is_opened_and_recorded_through_its_record(string name)
    {
        var choice = ExperimentSchema.Corpus.Find(name)!;
        var kind = Enum.Parse<CorpusKind>(choice.Member);
        var record = CorpusCatalog.Of(kind);
        string file = Path.Combine(_folder.Path, "text.txt");
        File.WriteAllText(file, "some text");
        var data = new DataConfig(kind, 1000, 0.05, 0.05, choice.ReadsPath ? file : null);

        var provenance = CorpusProvenance.Local(data, Path.Combine(_folder.Path, "cache"));

        Assert.Equal(Unprefixed(choice.Record!), record.GetType().FullName);
        Assert.Equal(name, provenance.Corpus);
        Assert.Equal(choice.ReadsPath, provenance.Files is { Count: 1 });
        if (record is not NpmCorpusKind) Assert.NotNull(CorpusCatalog.Open(data, DataOptions.Default));
        Assert.Equal(record is NpmCorpusKind, NpmCorpusPackage.All.Any(package => package.CorpusName == name)); // what `data fetch` offers
    }

    [Fact]
    public void Every_model_kind_tells_its_cost_and_describes_itself_and_a_scale_line_names_kinds_as_the_DSL_does()
    {
        ModelConfig[] models =
        [
            new TransformerConfig(2, 64, 4, 32, OutputHead.Tied, 0, null),
            new LstmConfig(24, 32, 2, 32, OutputHead.Dot, 0),
            new BigramConfig(16, 32, OutputHead.Tied, 0),
        ];
        Assert.Equal(ExperimentSchema.Model.Kinds.Select(k => Unprefixed(k.CSharpType)).Order(), models.Select(m => m.GetType().FullName!).Order());

        Assert.Equal(12.0 * 2 * 64 * 64, models[0].NonEmbeddingParameters());
        Assert.Equal(4.0 * 32 * (24 + 32 + 2.0 * 32), models[1].NonEmbeddingParameters());
        Assert.Equal(0, models[2].NonEmbeddingParameters());
        Assert.Equal("bigram model (embedding 16, context 32, tied head)", models[2].Describe());
        var config = TestExperiment.Tiny() with { Model = models[2] };
        Assert.StartsWith("bigram model (embedding 16", ScaleText.Of(config));
        Assert.Contains("; chinese-poetry corpus, wordpiece tokens, ",
            ScaleText.Of(config with { Data = config.Data with { Corpus = CorpusKind.ChinesePoetry }, Tokenizer = new TokenizerConfig(TokenizerKind.WordPiece, 0) }));
        Assert.Equal(6.0 * models[0].NonEmbeddingParameters() * PointCost.TrainingTokens(config with { Model = models[0] }),
            PointCost.TrainingFlops(config with { Model = models[0] }));
    }
}
