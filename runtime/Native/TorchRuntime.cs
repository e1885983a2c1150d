using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Native;

/// <summary>Loads libtorch once and applies the process-wide settings a run depends on.</summary>
public static class TorchRuntime
{
    static readonly Lock Gate = new();
    static bool _loaded;

    /// <summary>
    /// Loads TorchSharp's native libraries, failing with one sentence that says what to do when they cannot
    /// be loaded (the build makes them loadable on older Linux systems; see runtime/build/TorchSharpNatives.targets).
    /// </summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded) return;
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException)
            {
                throw new InvalidOperationException(
                    "TorchSharp's native library could not be loaded; rebuild with 'dotnet build' so the output " +
                    "folder's libLibTorchSharp.so is made compatible with this system (" + Innermost(e).Message + ")", e);
            }
            _loaded = true;
        }
    }

    public const string DeviceVariable = "DSLRUNNER_DEVICE";

    /// <summary>
    /// Where tensors and models live: CUDA when libtorch sees a GPU (with a CUDA build of TorchSharp), else the CPU;
    /// DSLRUNNER_DEVICE=cpu|cuda overrides the choice.
    /// </summary>
    public static Device Device { get; private set; } = torch.CPU;

    /// <summary>
    /// Sets the intra-op thread count, seeds libtorch's generators and makes <see cref="Device"/> the default
    /// device, so every model and tensor the runtime creates lands there.
    /// </summary>
    public static void Configure(int threads, long seed)
    {
        EnsureLoaded();
        if (threads > 0 && torch.get_num_threads() != threads) torch.set_num_threads(threads);
        var type = ChooseDevice(Environment.GetEnvironmentVariable(DeviceVariable), torch.cuda.is_available());
        Device = type == DeviceType.CUDA ? torch.CUDA : torch.CPU;
        torch.set_default_device(Device);
        torch.manual_seed(seed);
    }

    /// <exception cref="InvalidOperationException">CUDA was asked for but is not available.</exception>
    public static DeviceType ChooseDevice(string? requested, bool cudaAvailable) => requested?.Trim().ToLowerInvariant() switch
    {
        null or "" => cudaAvailable ? DeviceType.CUDA : DeviceType.CPU,
        "cpu" => DeviceType.CPU,
        "cuda" when cudaAvailable => DeviceType.CUDA,
        "cuda" => throw new InvalidOperationException(
            $"{DeviceVariable}=cuda, but libtorch sees no CUDA device: this build uses TorchSharp-cpu; reference a CUDA build of TorchSharp and run on a machine with an NVIDIA driver"),
        _ => throw new InvalidOperationException($"{DeviceVariable}='{requested}' is not a device; use cpu or cuda"),
    };

    static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
