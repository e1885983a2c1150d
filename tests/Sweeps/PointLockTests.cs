using System.Text.Json;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Sweeps;

public sealed class PointLockTests
{
    [Fact]
    public void A_held_lock_is_not_taken_and_names_its_live_holder()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "point.lock");

        var (held, _) = PointLock.TryAcquire(path);
        var (second, holder) = PointLock.TryAcquire(path);

        Assert.NotNull(held);
        Assert.Null(second);
        Assert.Equal(Environment.ProcessId, holder!.Pid);
        held!.Dispose();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_lock_left_by_a_dead_process_is_taken_over()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "point.lock");
        File.WriteAllText(path, JsonSerializer.Serialize(PointLockHolder.Current with { ProcessStart = "1" }));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));

        var (taken, _) = PointLock.TryAcquire(path);

        Assert.NotNull(taken);
        taken!.Dispose();
    }
}
