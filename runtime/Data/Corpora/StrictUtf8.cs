using System.Buffers;
using System.Text.Unicode;

namespace DslRunner.Data.Corpora;

/// <summary>UTF-8 decoding that refuses invalid bytes instead of replacing them.</summary>
public static class StrictUtf8
{
    static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>Decodes <paramref name="bytes"/> (a leading byte-order mark is dropped).</summary>
    /// <exception cref="InvalidDataException">Names <paramref name="source"/> and the byte offset of the first invalid sequence.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string source)
    {
        int start = bytes.StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0;
        var content = bytes[start..];
        var chars = new char[content.Length];
        var status = Utf8.ToUtf16(content, chars, out int read, out int written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
            throw new InvalidDataException($"{source} is not valid UTF-8: invalid byte sequence at byte offset {start + read}");
        return new string(chars, 0, written);
    }

    public static string ReadFile(string path) => Decode(File.ReadAllBytes(path), path);

    /// <summary>Reads a file's bytes after checking that they are valid UTF-8 (for parsers that take UTF-8 directly).</summary>
    public static byte[] ReadValidatedBytes(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (!Utf8.IsValid(bytes)) Decode(bytes, path);
        return bytes;
    }
}
