using System.Text.Json;

namespace DslRunner.RunFiles;

/// <summary>One line of metrics.jsonl.</summary>
/// <param name="Split">"train", "validation" or "test".</param>
public sealed record MetricsRecord(int Step, string Split, IReadOnlyDictionary<string, double> Values);

/// <summary>
/// Appends one JSON object per line to metrics.jsonl (flushed per line, so a crash loses at most the line
/// being written) and keeps the records in memory.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    /// <summary>The metric of training throughput (and, under a decoder's name, of its decoding throughput).</summary>
    public const string TokensPerSecond = "tokens_per_second";

    readonly StreamWriter? _writer;
    readonly List<MetricsRecord> _records = [];

    /// <param name="path">The file to append to; null keeps records in memory only.</param>
    public MetricsLog(string? path)
    {
        if (path is not null) _writer = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public IReadOnlyList<MetricsRecord> Records => _records;

    /// <summary>Called with every record as it is written (e.g. a TensorBoard writer).</summary>
    public Action<MetricsRecord>? Listener { get; set; }

    /// <summary>
    /// Reopens a run's metrics.jsonl to continue after <paramref name="lastStep"/>: lines after that step
    /// (and any test lines, or a torn last line from a crash) are dropped and the file rewritten atomically.
    /// </summary>
    /// <exception cref="InvalidDataException">A line other than the last is malformed, or a training step up to
    /// <paramref name="lastStep"/> has no record: the file was damaged, and continuing would hide the loss.</exception>
    public static MetricsLog Continue(string path, int lastStep)
    {
        var kept = Consistent(path, lastStep);
        AtomicFile.WriteAllText(path, string.Concat(kept.Select(r => Serialize(r) + "\n")));
        var log = new MetricsLog(path);
        log._records.AddRange(kept);
        return log;
    }

    /// <summary>Checks, without changing it, that the file holds a record for each of the <paramref name="lastStep"/> steps a checkpoint did.</summary>
    /// <exception cref="InvalidDataException">A corrupted line, or records missing.</exception>
    public static void Verify(string path, int lastStep) => Consistent(path, lastStep);

    /// <summary>The records up to <paramref name="lastStep"/> (a torn last line and later records dropped), checked for completeness.</summary>
    static List<MetricsRecord> Consistent(string path, int lastStep)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        var parsed = lines.Select(TryParse).ToList();
        int malformed = parsed.FindIndex(r => r is null);
        if (malformed >= 0 && malformed < lines.Length - 1)
            throw new InvalidDataException($"{path}:{malformed + 1}: not a metrics record, and not a torn last line: the file is corrupted");
        var kept = parsed.OfType<MetricsRecord>().Where(r => r.Step <= lastStep && r.Split != "test").ToList();
        int trainSteps = kept.Where(r => r.Split == "train").Select(r => r.Step).Distinct().Count();
        if (trainSteps != lastStep)
            throw new InvalidDataException(
                $"{path} holds training records for {trainSteps} of the {lastStep} steps the checkpoint has done: the file is truncated or corrupted");
        return kept;
    }

    /// <summary>Reads a metrics.jsonl file; a malformed line is an error naming the file and line.</summary>
    public static IReadOnlyList<MetricsRecord> Read(string path)
    {
        var records = new List<MetricsRecord>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            records.Add(TryParse(line) ?? throw new InvalidDataException($"{path}:{number}: not a metrics record: {line}"));
        }
        return records;
    }

    static MetricsRecord? TryParse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var values = new Dictionary<string, double>();
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is "step" or "split") continue;
                values[property.Name] = property.Value.ValueKind == JsonValueKind.Number
                    ? property.Value.GetDouble()
                    : double.Parse(property.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            }
            return new MetricsRecord(root.GetProperty("step").GetInt32(), root.GetProperty("split").GetString()!, values);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public void Train(int step, double loss, IReadOnlyList<(string Name, double Value)> terms, double learningRate, double tokensPerSecond)
    {
        var values = new Dictionary<string, double> { ["loss"] = loss };
        if (terms.Count > 1)
            foreach (var (name, value) in terms) values["loss/" + name] = value;
        values["lr"] = learningRate;
        values[MetricsLog.TokensPerSecond] = tokensPerSecond;
        Write(new MetricsRecord(step, "train", values));
    }

    public void Eval(int step, string split, IReadOnlyDictionary<string, double> values) =>
        Write(new MetricsRecord(step, split, values));

    void Write(MetricsRecord record)
    {
        _records.Add(record);
        _writer?.WriteLine(Serialize(record));
        Listener?.Invoke(record);
    }

    static string Serialize(MetricsRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("step", record.Step);
            json.WriteString("split", record.Split);
            foreach (var (name, value) in record.Values)
            {
                if (double.IsFinite(value)) json.WriteNumber(name, value);
                else json.WriteString(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Dispose() => _writer?.Dispose();
}
