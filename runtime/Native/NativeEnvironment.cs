using System.Runtime.InteropServices;

namespace DslRunner.Native;

/// <summary>
/// The C library's environment, which native code reads with getenv. .NET keeps its own copy on Unix:
/// <see cref="Environment.SetEnvironmentVariable(string, string?)"/> does not reach libtorch, MKL or oneDNN.
/// </summary>
public static unsafe class NativeEnvironment
{
    /// <summary>Sets a variable in the native environment and in .NET's copy (which child processes inherit).</summary>
    public static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (OperatingSystem.IsWindows()) return; // .NET's copy is the process environment there
        var setenv = (delegate* unmanaged<byte*, byte*, int, int>)LibC("setenv");
        fixed (byte* n = Utf8(name), v = Utf8(value))
            if (setenv(n, v, 1) != 0) throw new InvalidOperationException($"setenv({name}) failed");
    }

    /// <summary>The variable as native code sees it (null when unset).</summary>
    public static string? Get(string name)
    {
        if (OperatingSystem.IsWindows()) return Environment.GetEnvironmentVariable(name);
        var getenv = (delegate* unmanaged<byte*, byte*>)LibC("getenv");
        fixed (byte* n = Utf8(name))
            return Marshal.PtrToStringUTF8((IntPtr)getenv(n));
    }

    /// <summary>A C library function, found through the process's global symbols (no file name to guess).</summary>
    static IntPtr LibC(string function) => NativeLibrary.GetExport(NativeLibrary.GetMainProgramHandle(), function);

    static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text + "\0");
}
