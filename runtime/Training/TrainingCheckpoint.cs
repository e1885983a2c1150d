using System.Security.Cryptography;
using DslRunner.Models;
using DslRunner.Runs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using DslRunner.RunFiles;

namespace DslRunner.Training;

/// <summary>Where training stood when a checkpoint was written.</summary>
/// <param name="Step">Last completed optimizer step.</param>
/// <param name="BatchesDrawn">Training batches drawn so far: the data position.</param>
/// <param name="TrainLosses">Training loss of every step up to <paramref name="Step"/>.</param>
/// <param name="Evaluations">Validation results up to <paramref name="Step"/>.</param>
public sealed record CheckpointState(int Step, long BatchesDrawn, IReadOnlyList<double> TrainLosses, IReadOnlyList<EvalPoint> Evaluations);

/// <summary>
/// One file holding everything needed to continue training bit-for-bit: model weights, optimizer moments,
/// libtorch's RNG state, the data position and the history so far. The payload is hashed (SHA-256) so a
/// truncated or corrupted file is refused, and the file is replaced atomically.
/// </summary>
public static class TrainingCheckpoint
{
    public const string FileName = "checkpoint.bin";
    static readonly byte[] Magic = "DSLRCKP1"u8.ToArray();

    public static void Save(string path, CheckpointState state, LanguageModel model, optim.Optimizer optimizer)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(state.Step);
            writer.Write(state.BatchesDrawn);
            writer.Write(state.TrainLosses.Count);
            foreach (double loss in state.TrainLosses) writer.Write(loss);
            writer.Write(state.Evaluations.Count);
            foreach (var point in state.Evaluations) { writer.Write(point.Step); writer.Write(point.Loss); }
            using var rng = torch.get_rng_state();
            byte[] rngBytes = rng.data<byte>().ToArray();
            writer.Write(rngBytes.Length);
            writer.Write(rngBytes);
            model.save(writer);
            ((OptimizerHelper)optimizer).save_state_dict(writer);
        }
        byte[] bytes = payload.ToArray();
        using var file = new MemoryStream();
        file.Write(Magic);
        file.Write(SHA256.HashData(bytes));
        file.Write(BitConverter.GetBytes((long)bytes.Length));
        file.Write(bytes);
        AtomicFile.WriteAllBytes(path, file.ToArray());
    }

    /// <summary>Restores the model, the optimizer and libtorch's RNG from <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is truncated, corrupted or not a checkpoint.</exception>
    public static CheckpointState Restore(string path, LanguageModel model, optim.Optimizer optimizer)
    {
        using var reader = new BinaryReader(new MemoryStream(ReadVerified(path)));
        var (state, rngBytes) = ReadState(reader);
        model.load(reader);
        ((OptimizerHelper)optimizer).load_state_dict(reader);
        using (var rng = torch.tensor(rngBytes, dtype: ScalarType.Byte)) torch.set_rng_state(rng);
        return state;
    }

    /// <summary>Loads only the model's weights (the trained model of a finished run); the optimizer and RNG are left alone.</summary>
    /// <returns>The step the weights were saved after.</returns>
    /// <exception cref="InvalidDataException">The file is truncated, corrupted or not a checkpoint.</exception>
    public static int RestoreWeights(string path, LanguageModel model)
    {
        using var reader = new BinaryReader(new MemoryStream(ReadVerified(path)));
        var (state, _) = ReadState(reader);
        model.load(reader);
        return state.Step;
    }

    static (CheckpointState State, byte[] RngBytes) ReadState(BinaryReader reader)
    {
        int step = reader.ReadInt32();
        long drawn = reader.ReadInt64();
        var losses = new double[reader.ReadInt32()];
        for (int i = 0; i < losses.Length; i++) losses[i] = reader.ReadDouble();
        var evaluations = new EvalPoint[reader.ReadInt32()];
        for (int i = 0; i < evaluations.Length; i++) evaluations[i] = new EvalPoint(reader.ReadInt32(), reader.ReadDouble());
        byte[] rngBytes = reader.ReadBytes(reader.ReadInt32());
        return (new CheckpointState(step, drawn, losses, evaluations), rngBytes);
    }

    /// <summary>The last completed step recorded in a checkpoint, after verifying the file.</summary>
    public static int ReadStep(string path) => BitConverter.ToInt32(ReadVerified(path), 0);

    static byte[] ReadVerified(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        int header = Magic.Length + 32 + 8;
        if (file.Length < header || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"{path} is not a DslRunner checkpoint");
        long length = BitConverter.ToInt64(file, Magic.Length + 32);
        if (length != file.Length - header)
            throw new InvalidDataException($"{path} is truncated: {file.Length - header:N0} of {length:N0} payload bytes");
        byte[] payload = file[header..];
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(file.AsSpan(Magic.Length, 32)))
            throw new InvalidDataException($"{path} is corrupted: its content does not match its SHA-256");
        return payload;
    }
}
