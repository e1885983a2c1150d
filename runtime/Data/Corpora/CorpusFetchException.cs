namespace DslRunner.Data.Corpora;

/// <summary>A corpus could not be downloaded; the message says why and what to do.</summary>
public sealed class CorpusFetchException(string message, Exception? inner = null) : Exception(message, inner);
