namespace DslRunner.Config;

/// <param name="Kind">The tokenizer family.</param>
/// <param name="Vocab">Target vocabulary size for trained tokenizers (BPE, WordPiece, word); 0 = whatever the corpus needs.</param>
public sealed record TokenizerConfig(TokenizerKind Kind, int Vocab);
