using System.Globalization;
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

    /// <summary>
    /// Version and code hash (first 16 hex digits) per kind as of the last version raise, one line each
    /// (<c>kind version hash</c>), in the snapshot the test below matches: a new kind's line is accepted like any snapshot.
    /// </summary>
    static Dictionary<string, (int Version, string Hash)> Pinned()
    {
        string path = Path.Combine(Snapshot.Directory(), "Tokenizers", "code-versions.verified.txt");
        return File.Exists(path)
            ? File.ReadAllLines(path).Select(line => line.Split(' ')).ToDictionary(parts => parts[0], parts => (int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]))
            : [];
    }

    [Fact]
    public void Each_kinds_code_version_is_pinned_to_the_code_it_covers()
    {
        var pinned = Pinned();
        var stale = new List<string>();
        var lines = new List<string>();
        foreach (var kind in Enum.GetValues<TokenizerKind>())
        {
            string name = TokenizerFactory.NameOf(kind);
            int now = TokenizerCodeVersion.Of(kind);
            string code = CodeHash(kind);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {now} {code}"));
            if (!pinned.TryGetValue(name, out var pin)) continue;
            if (now == pin.Version && code != pin.Hash)
                stale.Add($"{name}: its code changed ({string.Join(", ", TokenizerCodeVersion.Files(kind))}) but its record's CodeVersion is still {pin.Version}: raise it to {pin.Version + 1} (or, when its tokens stay the same, accept the new hash)");
        }
        Assert.True(stale.Count == 0 || Snapshot.Accepting(), string.Join("\n", stale));
        Snapshot.Match(string.Join("\n", lines) + "\n", "Tokenizers/code-versions.verified.txt");
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
