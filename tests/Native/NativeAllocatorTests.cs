using System.Runtime.InteropServices;
using DslRunner.Native;

namespace DslRunner.Tests.Native;

/// <summary>Once libtorch is loaded, blocks a step frees are reused by the next without faulting their pages in again.</summary>
public sealed class NativeAllocatorTests
{
    [StructLayout(LayoutKind.Sequential)]
    struct ResourceUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxResident, SharedSize, DataSize, StackSize, MinorFaults, MajorFaults;
        public long Swaps, BlocksIn, BlocksOut, MessagesSent, MessagesReceived, Signals, VoluntarySwitches, InvoluntarySwitches;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    static extern int GetResourceUsage(int who, out ResourceUsage usage);

    const int ThisThread = 1; // RUSAGE_THREAD

    static long MinorFaults() => GetResourceUsage(ThisThread, out var usage) == 0 ? usage.MinorFaults : throw new InvalidOperationException("getrusage failed");

    [DslRunner.Tests.Infrastructure.SkippableFact]
    public void Blocks_a_step_frees_are_reused_by_the_next_without_faulting_their_pages_in_again()
    {
        if (!OperatingSystem.IsLinux()) DslRunner.Tests.Infrastructure.Skip.Because("the allocator tuning is glibc's (Linux only)");
        TorchRuntime.EnsureLoaded();
        Assert.True(NativeAllocator.Tune());

        // A step's pattern: several blocks of a few hundred KiB made, written, then all freed when the step ends. Measured
        // on a thread of its own, after one round that may fault its pages in, so what earlier tests left in this
        // thread's arena does not count.
        const int Size = 512 << 10, Blocks = 8, Rounds = 30, Page = 4096;
        var blocks = new IntPtr[Blocks];
        void Round()
        {
            for (int b = 0; b < Blocks; b++)
            {
                blocks[b] = Marshal.AllocHGlobal(Size); // malloc
                for (int offset = 0; offset < Size; offset += Page) Marshal.WriteByte(blocks[b], offset, 1);
            }
            foreach (var block in blocks) Marshal.FreeHGlobal(block);
        }
        long faults = 0;
        var thread = new Thread(() =>
        {
            Round();
            long before = MinorFaults();
            for (int round = 1; round < Rounds; round++) Round();
            faults = MinorFaults() - before;
        });
        thread.Start();
        thread.Join();
        long oneRound = Blocks * Size / Page;
        // Returned to the system after every step, each round would fault all its pages in again.
        Assert.True(faults < oneRound, $"{faults} page faults over {Rounds - 1} rounds of {Blocks} blocks of 512 KiB ({oneRound} pages a round)");
    }
}
