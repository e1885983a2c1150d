using DslRunner.Models;
using DslRunner.Runs;
using DslRunner.RunFiles;

namespace DslRunner.Training;

/// <summary>
/// <c>train.keep_best</c>: the weights of the best evaluation so far, in memory and — for a run with a folder — as
/// <see cref="FileName"/>, a copy of that evaluation's checkpoint, so a resumed run still has them.
/// </summary>
public sealed class BestWeights(string? folder)
{
    public const string FileName = "best.bin";

    byte[]? weights;

    string? FilePath => folder is null ? null : Path.Combine(folder, FileName);

    /// <summary>Keeps the model's weights; <paramref name="checkpoint"/>, just written at this evaluation, becomes <see cref="FileName"/>.</summary>
    public void Keep(LanguageModel model, string? checkpoint)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.save(writer);
        weights = stream.ToArray();
        if (checkpoint is not null && FilePath is { } path) AtomicFile.WriteAllBytes(path, File.ReadAllBytes(checkpoint));
    }

    /// <summary>
    /// Loads the kept weights into the model and makes the best evaluation's checkpoint the run's checkpoint, so what
    /// reads a finished run's weights reads these. A run killed after this resumes from that evaluation and, training
    /// exactly as before, reaches the same end.
    /// </summary>
    /// <exception cref="InvalidOperationException">A resumed run whose best weights file is gone.</exception>
    public void Restore(LanguageModel model)
    {
        if (weights is not null)
        {
            using var reader = new BinaryReader(new MemoryStream(weights));
            model.load(reader);
        }
        else if (FilePath is { } kept && File.Exists(kept)) TrainingCheckpoint.RestoreWeights(kept, model);
        else throw new InvalidOperationException($"train.keep_best: the best evaluation's weights ({FilePath ?? "in memory"}) are missing");
        if (FilePath is { } path && File.Exists(path))
            AtomicFile.WriteAllBytes(Path.Combine(folder!, TrainingCheckpoint.FileName), File.ReadAllBytes(path));
    }
}
