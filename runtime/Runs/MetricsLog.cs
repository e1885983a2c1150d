using System.Text.Json;

namespace DslRunner.Runs;

/// <summary>One line of metrics.jsonl.</summary>
/// <param name="Split">"train", "validation" or "test".</param>
public sealed record MetricsRecord(int Step, string Split, IReadOnlyDictionary<string, double> Values);

/// <summary>
/// Appends one JSON object per line to metrics.jsonl (flushed per line, so a crash loses at most the line
/// being written) and keeps the records in memory.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    readonly StreamWriter? _writer;
    readonly List<MetricsRecord> _records = [];

    /// <param name="path">The file to append to; null keeps records in memory only.</param>
    public MetricsLog(string? path)
    {
        if (path is not null) _writer = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public IReadOnlyList<MetricsRecord> Records => _records;

    public void Train(int step, double loss, IReadOnlyList<(string Name, double Value)> terms, double learningRate, double tokensPerSecond)
    {
        var values = new Dictionary<string, double> { ["loss"] = loss };
        if (terms.Count > 1)
            foreach (var (name, value) in terms) values["loss/" + name] = value;
        values["lr"] = learningRate;
        values["tokens_per_second"] = tokensPerSecond;
        Write(new MetricsRecord(step, "train", values));
    }

    public void Eval(int step, string split, IReadOnlyDictionary<string, double> values) =>
        Write(new MetricsRecord(step, split, values));

    void Write(MetricsRecord record)
    {
        _records.Add(record);
        if (_writer is null) return;
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
        _writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public void Dispose() => _writer?.Dispose();
}
