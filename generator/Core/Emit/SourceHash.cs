using System.Security.Cryptography;
using System.Text;

namespace DslRunner.Generator.Emit;

/// <summary>The SHA-256 of a generated file's text (UTF-8), as lower-case hex: what run manifests record.</summary>
public static class SourceHash
{
    public static string Sha256(string text)
    {
        using var sha = SHA256.Create();
        byte[] digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var hex = new StringBuilder(digest.Length * 2);
        foreach (byte b in digest) hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return hex.ToString();
    }
}
