using System.Runtime.InteropServices;
using System.Text;

namespace DslRunner.Native;

/// <summary>
/// What libtorch's own native code reports about the kernels it runs: ATen's CPU capability in use, and the MKL and
/// oneDNN versions built into it. Asked of the loaded libtorch_cpu library itself, so the answer is the one in force
/// in this process (not what .NET's copy of the environment says). Linux x86-64 only; elsewhere every answer is null.
/// </summary>
public static unsafe class LibTorchNative
{
    const string Library = "libtorch_cpu.so";

    /// <summary>True when libtorch is mapped into this process (by TorchSharp or by anything else).</summary>
    public static bool IsLoaded => LoadedPath() is not null;

    /// <summary>at::get_cpu_capability(): "DEFAULT", "AVX2", "AVX512"… — what ATen's dispatcher uses.</summary>
    public static string? CpuCapability() => StringFunction("_ZN2at18get_cpu_capabilityB5cxx11Ev");

    /// <summary>at::get_mkldnn_version(): the oneDNN version and commit libtorch was built with.</summary>
    public static string? OneDnnVersion() => StringFunction("_ZN2at18get_mkldnn_versionB5cxx11Ev");

    /// <summary>MKL_Get_Version_String: the MKL libtorch links statically.</summary>
    public static string? MklVersion()
    {
        if (Export("MKL_Get_Version_String") is not { } function) return null;
        var buffer = new byte[256];
        fixed (byte* b = buffer) ((delegate* unmanaged<byte*, int, void>)function)(b, buffer.Length);
        return Encoding.ASCII.GetString(buffer, 0, Math.Max(0, Array.IndexOf(buffer, (byte)0))).Trim();
    }

    /// <summary>
    /// at::globalContext().setDeterministicAlgorithms(on, warn_only: false): ops with a deterministic variant use it, and
    /// the others throw instead of silently varying (TorchSharp 0.107 does not expose the switch).
    /// </summary>
    /// <returns>False when the switch cannot be reached on this platform.</returns>
    public static bool SetDeterministicAlgorithms(bool on)
    {
        if (Export("_ZN2at13globalContextEv") is not { } context || Export("_ZN2at7Context26setDeterministicAlgorithmsEbb") is not { } set)
            return false;
        IntPtr self = ((delegate* unmanaged<IntPtr>)context)();
        ((delegate* unmanaged<IntPtr, byte, byte, void>)set)(self, on ? (byte)1 : (byte)0, 0);
        return true;
    }

    /// <summary>
    /// torch::jit::setGraphExecutorOptimize(on): whether TorchScript's graph executor rewrites a function's graph (fusing
    /// and decomposing operations, which can move the last bits) or runs it as written, for scripts run on the calling
    /// thread.
    /// </summary>
    /// <returns>False when the switch cannot be reached on this platform.</returns>
    public static bool SetGraphExecutorOptimize(bool on)
    {
        if (Export("_ZN5torch3jit24setGraphExecutorOptimizeEb") is not { } set) return false;
        ((delegate* unmanaged<byte, void>)set)(on ? (byte)1 : (byte)0);
        return true;
    }

    /// <summary>torch::jit::getGraphExecutorOptimize() on the calling thread, or null when it cannot be asked.</summary>
    public static bool? GraphExecutorOptimize() =>
        Export("_ZN5torch3jit24getGraphExecutorOptimizeEv") is { } get ? ((delegate* unmanaged<byte>)get)() != 0 : null;

    /// <summary>at::globalContext().deterministicAlgorithms(), or null when it cannot be asked.</summary>
    public static bool? DeterministicAlgorithms()
    {
        if (Export("_ZN2at13globalContextEv") is not { } context || Export("_ZNK2at7Context23deterministicAlgorithmsEv") is not { } get)
            return null;
        return ((delegate* unmanaged<IntPtr, byte>)get)(((delegate* unmanaged<IntPtr>)context)()) != 0;
    }

    /// <summary>The file libtorch_cpu was mapped from, read from /proc/self/maps (null when not loaded or not Linux).</summary>
    public static string? LoadedPath()
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps)) return null;
        foreach (string line in File.ReadLines(maps))
        {
            int slash = line.IndexOf('/');
            if (slash >= 0 && line.EndsWith("/" + Library, StringComparison.Ordinal)) return line[slash..];
        }
        return null;
    }

    static IntPtr? Export(string symbol)
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64 || LoadedPath() is not { } path) return null;
        var handle = NativeLibrary.Load(path); // already mapped: the loader hands back the same library
        return NativeLibrary.TryGetExport(handle, symbol, out var address) ? address : null;
    }

    /// <summary>
    /// Calls a libtorch function that returns a std::string (libstdc++'s C++11 layout: data pointer, length, then a
    /// 16-byte inline buffer or the capacity). The x86-64 System V ABI returns such a class through a hidden first
    /// argument pointing at caller-provided storage.
    /// </summary>
    static string? StringFunction(string symbol)
    {
        if (Export(symbol) is not { } function) return null;
        var storage = stackalloc byte[32];
        ((delegate* unmanaged<byte*, void>)function)(storage);
        byte* data = *(byte**)storage;
        long length = *(long*)(storage + 8);
        string text = Encoding.UTF8.GetString(data, checked((int)length));
        if (data != storage + 16 && Export("_ZdlPv") is { } delete) ((delegate* unmanaged<byte*, void>)delete)(data);
        return text;
    }
}
