using DslRunner.Data;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Data;

/// <summary>Several processes share one token cache: a key once written stays readable while others write it again.</summary>
public sealed class TokenCacheTests : IDisposable
{
    static readonly int[] Tokens = [.. Enumerable.Range(0, 5_000).Select(i => i % 7)];

    readonly ScratchFolder _scratch = new();
    readonly TokenCache _cache;
    readonly ITokenizer _tokenizer = CharTokenizer.Train("abc");

    /// <summary>Each test starts with "key" cached once.</summary>
    public TokenCacheTests()
    {
        _cache = new TokenCache(_scratch.Path);
        _cache.Write("key", _tokenizer, Tokens);
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Writing_a_key_that_is_already_cached_leaves_the_folder_its_readers_may_hold()
    {
        string sentinel = Path.Combine(_cache.FolderOf("key"), "written-first");
        File.WriteAllText(sentinel, "");

        _cache.Write("key", _tokenizer, Tokens); // a second process that tokenized the same data

        Assert.True(File.Exists(sentinel), "the cached folder was replaced under its readers");
        Assert.Equal(Tokens, _cache.TryRead("key")!.Value.Tokens);
    }

    [Fact]
    public async Task While_others_write_the_same_key_again_every_read_finds_the_tokens()
    {
        using var writing = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 60; i++) _cache.Write("key", _tokenizer, Tokens);
        })).ToArray();
        var misses = new int[3];
        var readers = Enumerable.Range(0, 3).Select(reader => Task.Run(() =>
        {
            while (!writing.IsCancellationRequested)
                if (_cache.TryRead("key") is not { } read || !read.Tokens.SequenceEqual(Tokens)) misses[reader]++;
        })).ToArray();
        await Task.WhenAll(writers);
        writing.Cancel();
        await Task.WhenAll(readers);

        Assert.Equal([0, 0, 0], misses);
        Assert.Empty(Directory.GetDirectories(_scratch.Combine("tokens"), ".*")); // no partial or stale folder left
    }

    [Fact]
    public void A_folder_that_cannot_be_read_is_replaced()
    {
        File.WriteAllBytes(Path.Combine(_cache.FolderOf("key"), "tokens.bin"), [1, 2, 3]); // not whole int32s
        Assert.Null(_cache.TryRead("key"));

        _cache.Write("key", _tokenizer, Tokens);

        Assert.Equal(Tokens, _cache.TryRead("key")!.Value.Tokens);
    }
}
