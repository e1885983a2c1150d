namespace DslRunner.Config;

public enum CorpusKind { Synthetic, Text, ChinesePoetry, Brown }

/// <param name="Corpus">Where the text comes from.</param>
/// <param name="Tokens">Token budget: the number of tokens drawn from the corpus, all splits together.</param>
/// <param name="Validation">Fraction of the budget held out for validation.</param>
/// <param name="Test">Fraction of the budget held out for testing.</param>
/// <param name="Path">File, folder or glob for <see cref="CorpusKind.Text"/>; otherwise null.</param>
public sealed record DataConfig(CorpusKind Corpus, long Tokens, double Validation, double Test, string? Path);
