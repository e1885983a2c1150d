using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using DslRunner.Config;
using DslRunner.Tokenizers;

namespace DslRunner.Data;

/// <summary>
/// Tokenized data on disk under <c>&lt;cache&gt;/tokens/&lt;key&gt;/</c>: the trained tokenizer and the token
/// stream (little-endian int32). The key hashes everything the tokens depend on — the corpus identity, the
/// tokenizer config and the version of its code, the seed, the budget and the split fractions — so a changed input or
/// trainer never reads stale tokens. Data
/// whose splits were encoded one by one (a byte budget) keeps their lengths beside the tokens.
/// </summary>
public sealed class TokenCache(string cacheRoot)
{
    const string Version = "tokens-v1";
    const string TokensFile = "tokens.bin";
    const string PartsFile = "parts.txt";

    public static string Key(string corpusIdentity, TokenizerConfig tokenizer, int seed, DataConfig data) =>
        Key(corpusIdentity, tokenizer, TokenizerCodeVersion.Of(tokenizer.Kind), seed, data);

    /// <param name="codeVersion">The tokenizer kind's <see cref="TokenizerCodeVersion"/>.</param>
    public static string Key(string corpusIdentity, TokenizerConfig tokenizer, int codeVersion, int seed, DataConfig data)
    {
        string material = string.Join('\n', Version, corpusIdentity, tokenizer.Kind, tokenizer.Vocab.ToString(CultureInfo.InvariantCulture),
            "code v" + codeVersion.ToString(CultureInfo.InvariantCulture),
            seed.ToString(CultureInfo.InvariantCulture), (data.Tokens ?? 0).ToString(CultureInfo.InvariantCulture),
            data.Validation.ToString("R", CultureInfo.InvariantCulture), data.Test.ToString("R", CultureInfo.InvariantCulture));
        if (data.Bytes is { } bytes) material += "\nbytes " + bytes.ToString(CultureInfo.InvariantCulture);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..32];
    }

    public string FolderOf(string key) => Path.Combine(cacheRoot, "tokens", key);

    /// <returns>The tokenizer, the tokens, and the lengths of the parts they were encoded in (null when stored whole);
    /// null when the key is not cached, or its folder was set aside while this read it.</returns>
    public (ITokenizer Tokenizer, int[] Tokens, int[]? Parts)? TryRead(string key)
    {
        string folder = FolderOf(key);
        string tokenizerPath = Path.Combine(folder, TokenizerStore.FileName);
        string tokensPath = Path.Combine(folder, TokensFile);
        if (!File.Exists(tokenizerPath) || !File.Exists(tokensPath)) return null;
        try
        {
            byte[] bytes = File.ReadAllBytes(tokensPath);
            if (bytes.Length % sizeof(int) != 0) return null;
            int[] tokens = MemoryMarshal.Cast<byte, int>(bytes).ToArray();
            if (!BitConverter.IsLittleEndian) ReverseEndianness(tokens);
            string partsPath = Path.Combine(folder, PartsFile);
            int[]? parts = File.Exists(partsPath)
                ? [.. File.ReadAllText(partsPath).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture))]
                : null;
            return (TokenizerStore.Load(tokenizerPath), tokens, parts);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes into a temporary sibling folder, then renames it into place. A complete folder already there is kept:
    /// another process wrote the same key first, its tokens are identical, and other processes may be reading it.
    /// Only a folder that cannot be read is renamed aside (then deleted) to make room.
    /// </summary>
    public void Write(string key, ITokenizer tokenizer, int[] tokens, int[]? parts = null)
    {
        string folder = FolderOf(key);
        string partial = Path.Combine(cacheRoot, "tokens", ".partial-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(partial);
        try
        {
            TokenizerStore.Save(tokenizer, Path.Combine(partial, TokenizerStore.FileName));
            int[] stored = tokens;
            if (!BitConverter.IsLittleEndian) { stored = [.. tokens]; ReverseEndianness(stored); }
            File.WriteAllBytes(Path.Combine(partial, TokensFile), MemoryMarshal.AsBytes(stored.AsSpan()).ToArray());
            if (parts is not null)
                File.WriteAllText(Path.Combine(partial, PartsFile), string.Join(' ', parts.Select(p => p.ToString(CultureInfo.InvariantCulture))));
            if (Directory.Exists(folder))
            {
                if (Readable(key)) return;
                SetAside(folder);
            }
            try
            {
                Directory.Move(partial, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                // Another process wrote the same key first; its tokens are identical.
            }
        }
        finally
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        }
    }

    bool Readable(string key)
    {
        try
        {
            return TryRead(key) is not null;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            return false;
        }
    }

    /// <summary>Renames an unreadable folder out of the way in one step, then deletes it; another process may have done so first.</summary>
    void SetAside(string folder)
    {
        string aside = Path.Combine(cacheRoot, "tokens", ".stale-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.Move(folder, aside);
        }
        catch (Exception e) when (e is DirectoryNotFoundException || (e is IOException && !Directory.Exists(folder)))
        {
            return;
        }
        Directory.Delete(aside, recursive: true);
    }

    static void ReverseEndianness(int[] values) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(values, values);
}
