using static TorchSharp.torch.utils.tensorboard;
using DslRunner.RunFiles;

namespace DslRunner.Runs;

/// <summary>Mirrors metrics into TensorBoard event files under <c>&lt;run&gt;/tensorboard/</c> as <c>split/metric</c> scalars.</summary>
public sealed class TensorBoardLog(string runFolder)
{
    public const string FolderName = "tensorboard";

    readonly TorchSharp.Modules.SummaryWriter _writer = SummaryWriter(Path.Combine(runFolder, FolderName));

    public void Write(MetricsRecord record)
    {
        foreach (var (name, value) in record.Values)
            _writer.add_scalar($"{record.Split}/{name}", (float)value, record.Step);
    }
}
