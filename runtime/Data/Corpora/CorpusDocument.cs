namespace DslRunner.Data.Corpora;

/// <summary>One document of a corpus (a file, a poem, a Brown sample) and where it came from.</summary>
public sealed record CorpusDocument(string Source, string Text);
