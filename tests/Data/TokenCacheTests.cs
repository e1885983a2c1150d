using DslRunner.Data;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Data;

/// <summary>Several processes share one token cache: a key once written stays readable while others write it again.</summary>
public sealed class TokenCacheTests
{
    static readonly int[] Tokens = [.. Enumerable.Range(0, 5_000).Select(i => i % 7)];

    [Fact]
    public void Writing_a_key_that_is_already_cached_leaves_the_folder_its_readers_may_hold()
    {
        using var scratch = new ScratchFolder();
        var cache = new TokenCache(scratch.Path);
        var tokenizer = CharTokenizer.Train("abc");
        cache.Write("key", tokenizer, Tokens);
        string sentinel = Path.Combine(cache.FolderOf("key"), "written-first");
        File.WriteAllText(sentinel, "");

        cache.Write("key", tokenizer, Tokens); // a second process that tokenized the same data

        Assert.True(File.Exists(sentinel), "the cached folder was replaced under its readers");
        Assert.Equal(Tokens, cache.TryRead("key")!.Value.Tokens);
    }

    [Fact]
    public async Task While_others_write_the_same_key_again_every_read_finds_the_tokens()
    {
        using var scratch = new ScratchFolder();
        var cache = new TokenCache(scratch.Path);
        var tokenizer = CharTokenizer.Train("abcdef");
        cache.Write("key", tokenizer, Tokens);

        using var writing = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 60; i++) cache.Write("key", tokenizer, Tokens);
        })).ToArray();
        var misses = new int[3];
        var readers = Enumerable.Range(0, 3).Select(reader => Task.Run(() =>
        {
            while (!writing.IsCancellationRequested)
                if (cache.TryRead("key") is not { } read || !read.Tokens.SequenceEqual(Tokens)) misses[reader]++;
        })).ToArray();
        await Task.WhenAll(writers);
        writing.Cancel();
        await Task.WhenAll(readers);

        Assert.Equal([0, 0, 0], misses);
        Assert.Empty(Directory.GetDirectories(scratch.Combine("tokens"), ".*")); // no partial or stale folder left
    }

    [Fact]
    public void A_folder_that_cannot_be_read_is_replaced()
    {
        using var scratch = new ScratchFolder();
        var cache = new TokenCache(scratch.Path);
        var tokenizer = CharTokenizer.Train("abc");
        cache.Write("key", tokenizer, Tokens);
        File.WriteAllBytes(Path.Combine(cache.FolderOf("key"), "tokens.bin"), [1, 2, 3]); // not whole int32s
        Assert.Null(cache.TryRead("key"));

        cache.Write("key", tokenizer, Tokens);

        Assert.Equal(Tokens, cache.TryRead("key")!.Value.Tokens);
    }
}
