using System.Runtime.InteropServices;

namespace DslRunner.Native;

/// <summary>
/// glibc's malloc gives every block above its mmap threshold (128 KiB at first) a mapping of its own and unmaps it
/// when freed, and returns the heap's free top to the system past its trim threshold. A decoding or training step
/// allocates the same tensors every time — a batch's activations and logits are a few hundred KiB each — so each
/// step faulted their pages in anew. Larger thresholds keep freed blocks in the heap for the next step. Allocation
/// only: no result changes.
/// </summary>
public static class NativeAllocator
{
    const int TrimThreshold = -1, MmapThreshold = -3; // mallopt's M_TRIM_THRESHOLD and M_MMAP_THRESHOLD

    /// <summary>Blocks up to this size come from the heap (glibc's largest mmap threshold on 64-bit).</summary>
    public const int HeapBlockLimit = 32 << 20;

    /// <summary>Free memory kept at the heap's top before it goes back to the system.</summary>
    public const int KeptFree = 256 << 20;

    static readonly Lazy<bool> Applied = new(Apply);

    /// <summary>Raises glibc's thresholds once per process; true when they are in effect (false off glibc).</summary>
    public static bool Tune() => Applied.Value;

    static bool Apply()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallOpt(MmapThreshold, HeapBlockLimit) == 1 && MallOpt(TrimThreshold, KeptFree) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a C library without mallopt (musl)
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int MallOpt(int parameter, int value);
}
