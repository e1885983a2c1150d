using System.Runtime.InteropServices;
using TorchSharp;

namespace DslRunner.Runs;

/// <summary>Where a run ran: what decides whether two runs can be expected to match bit for bit.</summary>
public sealed record MachineInfo(
    string Os,
    string Architecture,
    string Cpu,
    int LogicalCores,
    string DotNet,
    string TorchSharp,
    string LibTorch,
    string Device = "cpu")
{
    public static MachineInfo Current() => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
        Native.CpuInfo.Model,
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown",
        torch.__version__,
        Native.TorchRuntime.Device.type.ToString().ToLowerInvariant());

    /// <summary>Same CPU model, OS family and library versions: bit-identical results are expected.</summary>
    public bool SameKindAs(MachineInfo other) =>
        Architecture == other.Architecture && Cpu == other.Cpu && TorchSharp == other.TorchSharp && LibTorch == other.LibTorch
        && Device == other.Device;
}
