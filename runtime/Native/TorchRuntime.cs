using TorchSharp;

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

    /// <summary>Sets the intra-op thread count and seeds libtorch's global generator.</summary>
    public static void Configure(int threads, long seed)
    {
        EnsureLoaded();
        if (threads > 0 && torch.get_num_threads() != threads) torch.set_num_threads(threads);
        torch.manual_seed(seed);
    }

    static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
