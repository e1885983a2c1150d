using System.Runtime.InteropServices;

namespace DslRunner.Native;

/// <summary>The few C library calls .NET does not expose: an exclusive mkdir, the parent-death signal and SIGTERM to a child.</summary>
static class Posix
{
    const int EEXIST = 17;
    const int PR_SET_PDEATHSIG = 1;
    const int SIGKILL = 9;

    [DllImport("libc", EntryPoint = "mkdir", SetLastError = true)]
    static extern int MkDir([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    static extern int PrCtl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);

    const int SIGTERM = 15;

    /// <summary>Sends SIGTERM to a process (a child asked to checkpoint and stop); false when it is gone.</summary>
    public static bool Terminate(int pid) => OperatingSystem.IsLinux() && Kill(pid, SIGTERM) == 0;

    [DllImport("libc", EntryPoint = "getppid")]
    static extern int GetParentPid();

    /// <summary>Creates a directory only if nothing has that name yet (one atomic mkdir, also on NFS); false if it exists.</summary>
    /// <exception cref="IOException">Any failure other than the name being taken.</exception>
    public static bool TryCreateDirectoryExclusive(string path)
    {
        if (MkDir(path, Convert.ToUInt32("777", 8)) == 0) return true;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == EEXIST) return false;
        throw new IOException($"could not create {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>
    /// Asks Linux to SIGKILL this process when the process that started it dies, and checks that parent is still
    /// <paramref name="expectedParent"/> (it may have died before the request); false when it is gone already.
    /// </summary>
    public static bool DieWithParent(int expectedParent)
    {
        if (!OperatingSystem.IsLinux()) return true;
        if (PrCtl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
            throw new IOException($"prctl(PR_SET_PDEATHSIG) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        return GetParentPid() == expectedParent;
    }
}
