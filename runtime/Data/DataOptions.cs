namespace DslRunner.Data;

/// <summary>How <see cref="DataPipeline"/> prepares data beyond what the experiment declares.</summary>
/// <param name="CacheRoot">Folder for fetched corpora (<c>corpora/</c>) and tokenized data (<c>tokens/</c>); null disables the token cache.</param>
/// <param name="ContextWindow">The model's context length; when positive, every split must hold at least one window (context + 1 tokens).</param>
/// <param name="Log">Receives progress messages such as a first-use corpus download.</param>
public sealed record DataOptions(string? CacheRoot, int ContextWindow = 0, Action<string>? Log = null)
{
    public static DataOptions Default => new(CachePaths.Root);
}
