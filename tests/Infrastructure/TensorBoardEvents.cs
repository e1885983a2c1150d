using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace DslRunner.Tests.Infrastructure;

/// <summary>
/// An independent reader of TensorBoard event files: TFRecord framing (length, masked CRC-32C of the length, the
/// record, masked CRC-32C of the record) around <c>Event</c> protocol buffers, of which it reads the step and the
/// summary's scalar values (<c>simple_value</c>, or a one-element float tensor).
/// </summary>
public static class TensorBoardEvents
{
    public sealed record Scalar(string Tag, long Step, float Value);

    /// <summary>Every scalar in every event file under <paramref name="folder"/>, in file order.</summary>
    public static List<Scalar> ReadScalars(string folder)
    {
        var scalars = new List<Scalar>();
        foreach (string file in Directory.GetFiles(folder, "events.out.tfevents*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            foreach (var record in Records(File.ReadAllBytes(file), file))
                scalars.AddRange(Event(record));
        return scalars;
    }

    static List<byte[]> Records(byte[] bytes, string file)
    {
        var records = new List<byte[]>();
        int position = 0;
        while (position < bytes.Length)
        {
            if (bytes.Length - position < 12) throw new InvalidDataException($"{file}: a truncated record header at byte {position}");
            var header = bytes.AsSpan(position, 8);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 8, 4)) != MaskedCrc(header))
                throw new InvalidDataException($"{file}: the length CRC at byte {position} does not match");
            position += 12;
            if ((ulong)(bytes.Length - position) < length + 4) throw new InvalidDataException($"{file}: a truncated record at byte {position}");
            var data = bytes.AsSpan(position, (int)length);
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + (int)length, 4)) != MaskedCrc(data))
                throw new InvalidDataException($"{file}: the data CRC at byte {position} does not match");
            records.Add(data.ToArray());
            position += (int)length + 4;
        }
        return records;
    }

    /// <summary>Event: 2 = step (varint), 5 = summary; Summary: 1 = value; Value: 1 = tag, 2 = simple_value, 8 = tensor.</summary>
    static IEnumerable<Scalar> Event(byte[] message)
    {
        long step = 0;
        var values = new List<(string Tag, float Value)>();
        foreach (var (field, wire, varint, bytes) in Fields(message))
        {
            if (field == 2 && wire == 0) step = (long)varint;
            if (field == 5 && wire == 2)
                foreach (var (summaryField, summaryWire, _, value) in Fields(bytes))
                    if (summaryField == 1 && summaryWire == 2 && SummaryValue(value) is { } scalar) values.Add(scalar);
        }
        return values.Select(v => new Scalar(v.Tag, step, v.Value));
    }

    static (string Tag, float Value)? SummaryValue(byte[] message)
    {
        string? tag = null;
        float? value = null;
        foreach (var (field, wire, varint, bytes) in Fields(message))
        {
            if (field == 1 && wire == 2) tag = Encoding.UTF8.GetString(bytes);
            if (field == 2 && wire == 5) value = BitConverter.Int32BitsToSingle((int)varint);
            if (field == 8 && wire == 2) value = TensorFloat(bytes);
        }
        return tag is not null && value is not null ? (tag, value.Value) : null;
    }

    /// <summary>TensorProto: 5 = float_val (packed or not).</summary>
    static float? TensorFloat(byte[] message)
    {
        foreach (var (field, wire, varint, bytes) in Fields(message))
        {
            if (field == 5 && wire == 5) return BitConverter.Int32BitsToSingle((int)varint);
            if (field == 5 && wire == 2 && bytes.Length == 4) return BinaryPrimitives.ReadSingleLittleEndian(bytes);
        }
        return null;
    }

    /// <summary>The fields of a protocol buffer message: number, wire type, the value of a varint or fixed field, the bytes of a length-delimited one.</summary>
    static List<(int Field, int Wire, ulong Varint, byte[] Bytes)> Fields(byte[] message)
    {
        var fields = new List<(int Field, int Wire, ulong Varint, byte[] Bytes)>();
        int position = 0;
        while (position < message.Length)
        {
            ulong key = ReadVarint(message, ref position);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0:
                    fields.Add((field, wire, ReadVarint(message, ref position), []));
                    break;
                case 1:
                    fields.Add((field, wire, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(position, 8)), []));
                    position += 8;
                    break;
                case 2:
                    int length = (int)ReadVarint(message, ref position);
                    fields.Add((field, wire, 0, message.AsSpan(position, length).ToArray()));
                    position += length;
                    break;
                case 5:
                    fields.Add((field, wire, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(position, 4)), []));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"protocol buffer wire type {wire} is not expected in an event");
            }
        }
        return fields;
    }

    static ulong ReadVarint(byte[] bytes, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }

    static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xffffffff;
        foreach (byte b in data) crc = BitOperations.Crc32C(crc, b);
        crc ^= 0xffffffff;
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8;
    }
}
