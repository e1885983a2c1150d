using DslRunner.Config;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Native;

/// <summary>Loads libtorch once and applies the process-wide settings a run depends on.</summary>
public static class TorchRuntime
{
    static readonly Lock Gate = new();
    static bool _loaded;

    /// <summary>True once <see cref="EnsureLoaded(Reproducibility)"/> has loaded libtorch (or anything else mapped it).</summary>
    public static bool IsLoaded
    {
        get { lock (Gate) return _loaded || LibTorchNative.IsLoaded; }
    }

    /// <summary>The numeric mode libtorch was loaded in; fixed for the life of the process.</summary>
    public static Reproducibility Mode { get; private set; }

    /// <summary>
    /// Loads TorchSharp's native libraries in the default mode, or the portable one when the process was asked for it
    /// (<see cref="NumericPins.ModeVariable"/>), failing with one sentence that says what to do when they cannot be
    /// loaded (the build makes them loadable on older Linux systems; see runtime/build/TorchSharpNatives.targets).
    /// </summary>
    public static void EnsureLoaded() => EnsureLoaded(Reproducibility.Default);

    /// <summary>
    /// Loads libtorch for a run in <paramref name="mode"/> (portable also when the process was asked for it). Portable
    /// mode puts <see cref="NumericPins.Portable"/> into the native environment first and turns on libtorch's
    /// deterministic algorithms.
    /// </summary>
    /// <exception cref="InvalidOperationException">libtorch is already loaded in the other mode: the run needs a new process.</exception>
    public static void EnsureLoaded(Reproducibility mode)
    {
        lock (Gate)
        {
            var wanted = mode == Reproducibility.Portable ? mode : NumericPins.Requested();
            if (_loaded)
            {
                if (wanted != Mode) throw ModeFixed(wanted);
                return;
            }
            if (wanted == Reproducibility.Portable)
            {
                if (LibTorchNative.IsLoaded) throw ModeFixed(wanted);
                foreach (var (name, value) in NumericPins.Portable) NativeEnvironment.Set(name, value);
                NativeEnvironment.Set(NumericPins.ModeVariable, NumericPins.Name(wanted));
            }
            if (!LibTorchNative.IsLoaded) ThreadWaitPolicy.ApplyDefault();
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
            if (wanted == Reproducibility.Portable) LibTorchNative.SetDeterministicAlgorithms(true);
            NativeAllocator.Tune();
            Mode = wanted;
            _loaded = true;
        }
    }

    /// <summary>Whether a run in <paramref name="mode"/> can compute in this process (<see cref="EnsureLoaded(Reproducibility)"/> would not refuse it).</summary>
    public static bool CanRun(Reproducibility mode)
    {
        lock (Gate)
        {
            var wanted = mode == Reproducibility.Portable ? mode : NumericPins.Requested();
            if (_loaded) return wanted == Mode;
            return wanted != Reproducibility.Portable || !LibTorchNative.IsLoaded;
        }
    }

    static InvalidOperationException ModeFixed(Reproducibility wanted) => new(
        $"this process already loaded libtorch in {NumericPins.Name(wanted == Reproducibility.Portable ? Reproducibility.Default : Reproducibility.Portable)} " +
        $"mode, and the math libraries cannot switch once loaded: start the {NumericPins.Name(wanted)} run in a new process " +
        $"(dslrunner run <name>{(wanted == Reproducibility.Portable ? " --portable" : "")}, or a child process with NumericPins.ApplyTo)");

    public const string DeviceVariable = "DSLRUNNER_DEVICE";

    /// <summary>
    /// Where tensors and models live: CUDA when libtorch sees a GPU (with a CUDA build of TorchSharp), else the CPU;
    /// DSLRUNNER_DEVICE=cpu|cuda overrides the choice.
    /// </summary>
    public static Device Device
    {
        get => _device ?? torch.CPU;
        private set => _device = value;
    }

    // Not initialised with torch.CPU: touching TorchSharp loads libtorch, which must wait until the numeric mode is set.
    static Device? _device;

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
