using System.Globalization;
using System.Text.Json;

namespace DslRunner.Sweeps;

/// <summary>Who is running a point: process id, host, and the process's start time (so a reused id is not mistaken for it).</summary>
/// <param name="SlurmJob">The Slurm job the holder runs in, when it is a Slurm task.</param>
public sealed record PointLockHolder(int Pid, string Host, string ProcessStart, string? SlurmJob = null)
{
    public static PointLockHolder Current { get; } = new(
        Environment.ProcessId, Environment.MachineName, ProcessStartOf(Environment.ProcessId) ?? "", Environment.GetEnvironmentVariable("SLURM_JOB_ID"));

    /// <summary>
    /// Whether the holder still runs. On this host: its process exists with the recorded start time. On another
    /// host: a Slurm task while Slurm still lists its job; anything else cannot be checked from here and counts as running.
    /// </summary>
    public bool IsAlive => Host == Environment.MachineName
        ? ProcessStartOf(Pid) is { } start && start == ProcessStart
        : SlurmJob is null || SlurmCluster.InQueue(SlurmJob);

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat (start time in clock ticks since boot) of a process that has not ended; the process's existence elsewhere.</summary>
    static string? ProcessStartOf(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            string stat = $"/proc/{pid}/stat";
            try
            {
                string text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                // A zombie (Z) or dead (X) process has ended; only its exit status waits to be collected.
                return fields.Length > 19 && fields[0] is not ("Z" or "X") ? fields[19] : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>
/// An exclusively created lock file per point: a second sweep (or a Slurm task run twice) that finds a live holder
/// neither starts a duplicate nor marks the point failed; a holder that died leaves a stale lock that is taken over.
/// </summary>
public sealed class PointLock : IDisposable
{
    readonly string _path;

    PointLock(string path) => _path = path;

    /// <returns>The lock, or null with the live holder when another process runs the point.</returns>
    public static (PointLock? Lock, PointLockHolder? Holder) TryAcquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                    JsonSerializer.Serialize(stream, PointLockHolder.Current);
                return (new PointLock(path), null);
            }
            catch (IOException) when (File.Exists(path))
            {
                var holder = Read(path);
                if (holder is { IsAlive: true }) return (null, holder);
                // Created an instant ago and not yet written: its creator is alive.
                if (holder is null && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < TimeSpan.FromSeconds(10)) return (null, null);
                File.Delete(path);
            }
        }
        return (null, Read(path));
    }

    /// <summary>The recorded holder, or null when the file is gone or was never completely written.</summary>
    public static PointLockHolder? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PointLockHolder>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    public void Dispose() => File.Delete(_path);
}
