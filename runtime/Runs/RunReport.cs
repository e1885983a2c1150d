using DslRunner.Statistics;
using System.Globalization;
using System.Text;
using DslRunner.RunFiles;

namespace DslRunner.Runs;

/// <summary>report.md and its PNG plots, rebuilt from what a run folder holds.</summary>
public static class RunReport
{
    public const string FileName = "report.md";
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    static readonly HashSet<string> LossMetrics = ["loss", "perplexity"];

    /// <summary>Writes report.md (and plots) into the run folder; returns the report's path.</summary>
    /// <summary>The run's name, tags and note (<c>run --name/--tag/--note</c>), when it has any.</summary>
    static void AppendLabels(StringBuilder md, RunManifest manifest)
    {
        var parts = new List<string>();
        if (manifest.Name is { } name) parts.Add($"Name **{MarkdownText.Text(name)}**");
        if (manifest.Tags.Count > 0) parts.Add("tags " + string.Join(", ", manifest.Tags.Select(MarkdownText.Text)));
        if (parts.Count > 0) md.Append(string.Join(", ", parts)).Append(".\n\n");
        if (manifest.Note is { } note) md.Append("> ").Append(string.Join("\n> ", note.Split('\n').Select(MarkdownText.Text))).Append("\n\n");
    }

    public static string Write(string folder)
    {
        var manifest = RunManifest.Read(folder);
        var metrics = MetricsLog.Read(Path.Combine(folder, RunFileNames.Metrics));
        var md = new StringBuilder();
        md.Append(Invariant, $"# {manifest.Experiment}{(manifest.Variant is null ? "" : " / " + manifest.Variant)} — run {manifest.RunId}\n\n");
        if (manifest.Config.Description.Length > 0) md.Append(MarkdownText.Text(manifest.Config.Description)).Append("\n\n");
        AppendLabels(md, manifest);
        md.Append(Invariant, $"Status **{manifest.Status}**, seed {manifest.Seed}, {manifest.Threads} threads, config `{manifest.ConfigHash[..12]}`");
        if (manifest.Git is { } git) md.Append(Invariant, $", commit `{git.Commit[..Math.Min(12, git.Commit.Length)]}`{(git.Dirty ? " (dirty)" : "")}");
        md.Append(Invariant, $". {manifest.Machine.Cpu}, TorchSharp {manifest.Machine.TorchSharp}, libtorch {manifest.Machine.LibTorch}.\n\n");

        if (manifest.Results.Count > 0)
        {
            md.Append("## Results\n\n| metric | value |\n|---|---:|\n");
            foreach (var (name, value) in manifest.Results) md.Append(Invariant, $"| {name} | {Format(value)} |\n");
            md.Append('\n');
        }

        md.Append("## Training\n\n");
        Plots.Lines(Path.Combine(folder, "loss.png"), "loss", "nats per token",
        [
            ("train", Steps(metrics, "train", "loss"), Values(metrics, "train", "loss")),
            ("validation", Steps(metrics, "validation", "loss"), Values(metrics, "validation", "loss")),
        ]);
        md.Append("![loss](loss.png)\n\n");
        foreach (string metric in ValidationMetrics(metrics).Where(m => !LossMetrics.Contains(m)))
        {
            string file = FileSafe(metric) + ".png";
            Plots.Lines(Path.Combine(folder, file), metric, metric, [(metric, Steps(metrics, "validation", metric), Values(metrics, "validation", metric))]);
            md.Append(Invariant, $"![{metric}]({file})\n\n");
        }

        var projection = RunArtifacts.ReadProjection(folder);
        if (projection.Count > 2)
        {
            Plots.LabelledPoints(Path.Combine(folder, "token_vectors.png"), "token vectors (first two principal components)",
                [.. projection.Select(p => (MapLabels.Display(p.Token), p.X, p.Y))]);
            md.Append("## Token vectors\n\n![token vectors](token_vectors.png)\n\n");
        }

        var samples = RunArtifacts.ReadSamples(folder);
        if (samples.Count > 0)
        {
            md.Append("## Samples\n\n");
            foreach (var sample in samples)
                md.Append(Invariant, $"**{MarkdownText.Text(sample.Title)}**\n\n{MarkdownText.Fenced(sample.Prompt + sample.Text, "text")}\n");
        }

        md.Append("## Configuration\n\n| key | value |\n|---|---|\n");
        foreach (var (path, value) in ConfigPaths.Flatten(manifest.Config)) md.Append(Invariant, $"| `{path}` | {MarkdownText.Text(value)} |\n");

        string reportPath = Path.Combine(folder, FileName);
        AtomicFile.WriteAllText(reportPath, md.ToString());
        return reportPath;
    }

    /// <summary>Several runs side by side: one loss plot, one results table, the config keys that differ.</summary>
    public static string WriteComparison(IReadOnlyList<string> folders, string target)
    {
        Directory.CreateDirectory(target);
        var runs = folders.Select(f => (Folder: f, Manifest: RunManifest.Read(f), Metrics: MetricsLog.Read(Path.Combine(f, RunFileNames.Metrics)))).ToList();
        string Label((string Folder, RunManifest Manifest, IReadOnlyList<MetricsRecord> Metrics) run) =>
            $"{run.Manifest.Experiment}/{run.Manifest.RunId}{(run.Manifest.Name is { } name ? $" ({name})" : "")}";

        Plots.Lines(Path.Combine(target, "validation_loss.png"), "validation loss", "nats per token",
            runs.Select(r => (Label(r), Steps(r.Metrics, "validation", "loss"), Values(r.Metrics, "validation", "loss"))));
        var md = new StringBuilder("# Runs compared\n\n![validation loss](validation_loss.png)\n\n");
        var tokenizers = runs.Select(r => r.Manifest.Config.Tokenizer).Distinct().ToList();
        if (tokenizers.Count > 1)
            md.Append("> **Warning:** these runs use different tokenizers (")
              .Append(string.Join(", ", tokenizers.Select(t => t.Vocab > 0 ? $"{t.Kind.ToString().ToLowerInvariant()} {t.Vocab}" : t.Kind.ToString().ToLowerInvariant())))
              .Append("): loss and perplexity are per token, and their tokens differ, so the plot and those rows do not compare; bits_per_byte (eval.metrics) does.\n\n");
        md.Append("| metric | ").Append(string.Join(" | ", runs.Select(Label))).Append(" |\n|---|").Append(string.Concat(runs.Select(_ => "---:|"))).Append('\n');
        foreach (string metric in runs.SelectMany(r => r.Manifest.Results.Keys).Distinct().Order(StringComparer.Ordinal))
            md.Append("| ").Append(metric).Append(" | ")
              .Append(string.Join(" | ", runs.Select(r => r.Manifest.Results.TryGetValue(metric, out double v) ? Format(v) : "—"))).Append(" |\n");

        AppendChangedKeys(md, [.. runs.Select(r => (Label(r), r.Manifest.Config))]);
        string path = Path.Combine(target, FileName);
        AtomicFile.WriteAllText(path, md.ToString());
        return path;
    }

    /// <summary>A table (after a blank line) of the config keys whose values differ between the columns; nothing when none differ.</summary>
    public static void AppendChangedKeys(StringBuilder md, IReadOnlyList<(string Label, Config.ExperimentConfig Config)> columns)
    {
        var changedKeys = columns.Skip(1).SelectMany(c => ConfigDiff.Compare(columns[0].Config, c.Config)).Select(c => c.Path).Distinct().Order(StringComparer.Ordinal).ToList();
        if (changedKeys.Count == 0) return;
        var flattened = columns.Select(c => ConfigPaths.Flatten(c.Config)).ToList();
        md.Append("\n| key | ").Append(string.Join(" | ", columns.Select(c => c.Label))).Append(" |\n|---|").Append(string.Concat(columns.Select(_ => "---|"))).Append('\n');
        foreach (string key in changedKeys)
            md.Append("| `").Append(key).Append("` | ").Append(string.Join(" | ", flattened.Select(f => f.GetValueOrDefault(key, "—")))).Append(" |\n");
    }

    static IEnumerable<string> ValidationMetrics(IReadOnlyList<MetricsRecord> metrics) =>
        metrics.Where(m => m.Split == "validation").SelectMany(m => m.Values.Keys).Distinct().Order(StringComparer.Ordinal);

    public static double[] Steps(IReadOnlyList<MetricsRecord> metrics, string split, string metric) =>
        [.. metrics.Where(m => m.Split == split && m.Values.ContainsKey(metric)).Select(m => (double)m.Step)];

    public static double[] Values(IReadOnlyList<MetricsRecord> metrics, string split, string metric) =>
        [.. metrics.Where(m => m.Split == split && m.Values.ContainsKey(metric)).Select(m => m.Values[metric])];

    static string FileSafe(string name) => new([.. name.Select(c => char.IsLetterOrDigit(c) ? c : '_')]);

    /// <summary>The one rounding rule of summaries, reports and study tables (<see cref="Numbers.Format(double)"/>).</summary>
    static string Format(double value) => Numbers.Format(value);
}
