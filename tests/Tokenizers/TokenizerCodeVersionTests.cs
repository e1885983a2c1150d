using System.Security.Cryptography;
using System.Text;
using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Tests.Infrastructure;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

/// <summary>
/// The token cache's key carries each tokenizer kind's code version, and each version is pinned here to the SHA-256 of
/// the files it covers: change a trainer without raising its version and this fails, so no cache serves tokens the old
/// code made.
/// </summary>
public sealed class TokenizerCodeVersionTests
{
    /// <summary>Version and code hash (first 16 hex digits) per kind, as of the last version raise.</summary>
    static readonly Dictionary<TokenizerKind, (int Version, string Hash)> Pinned = new()
    {
        [TokenizerKind.Char] = (1, "5d033c9224abf474"),
        [TokenizerKind.Word] = (1, "28ad390b5ddfe233"),
        [TokenizerKind.Bpe] = (1, "cecee2fcc9675a28"),
        [TokenizerKind.WordPiece] = (2, "4460807224ae9f68"),
        [TokenizerKind.Cl100k] = (1, "94e2776951498e1f"),
    };

    static string CodeHash(TokenizerKind kind)
    {
        string folder = Path.Combine(Snapshot.RepositoryRoot(), "runtime", "Tokenizers");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in TokenizerCodeVersion.Files(kind))
        {
            string path = Path.Combine(folder, file);
            Assert.True(File.Exists(path), $"{kind}: {file} is listed in TokenizerCodeVersion.Files but does not exist");
            sha.AppendData(Encoding.UTF8.GetBytes(file + "\n" + File.ReadAllText(path).ReplaceLineEndings("\n")));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    [Fact]
    public void Each_kinds_code_version_is_pinned_to_the_code_it_covers()
    {
        var stale = new List<string>();
        foreach (var kind in Enum.GetValues<TokenizerKind>())
        {
            var (version, hash) = Pinned[kind];
            int now = TokenizerCodeVersion.Of(kind);
            string code = CodeHash(kind);
            if (now == version && code != hash)
                stale.Add($"{kind}: its code changed ({string.Join(", ", TokenizerCodeVersion.Files(kind))}) but TokenizerCodeVersion still says {version}: raise it to {version + 1} and pin ({version + 1}, \"{code}\") here");
            else if (now != version)
                stale.Add($"{kind}: TokenizerCodeVersion says {now}, pinned {version}: pin ({now}, \"{code}\") here");
        }
        Assert.True(stale.Count == 0, string.Join("\n", stale));
    }

    [Fact]
    public void The_cache_key_changes_with_the_code_version_and_nothing_else_changing()
    {
        var tokenizer = new TokenizerConfig(TokenizerKind.Bpe, 300);
        var data = TestExperiment.Tiny().Data;

        string current = TokenCache.Key("synthetic", tokenizer, 7, data);

        Assert.Equal(TokenCache.Key("synthetic", tokenizer, TokenizerCodeVersion.Of(TokenizerKind.Bpe), 7, data), current);
        Assert.NotEqual(TokenCache.Key("synthetic", tokenizer, TokenizerCodeVersion.Of(TokenizerKind.Bpe) + 1, 7, data), current);
    }
}
