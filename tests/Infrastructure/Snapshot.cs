using System.Runtime.CompilerServices;

namespace DslRunner.Tests.Infrastructure;

/// <summary>
/// Readable file snapshots stored beside the tests under <c>tests/Snapshots/</c>. A mismatch writes
/// <c>NAME.received.EXT</c> next to the verified file and fails; set DSLRUNNER_ACCEPT_SNAPSHOTS=1 to accept.
/// A missing snapshot fails too (under CI) so that nothing is pinned silently.
/// </summary>
public static class Snapshot
{
    public static string Directory([CallerFilePath] string callerPath = "") =>
        Path.Combine(TestsRoot(callerPath), "Snapshots");

    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        string folder = Path.Combine(TestsRoot(callerPath), "Snapshots");
        string verified = Path.Combine(folder, name);
        string received = Path.Combine(folder, ReceivedName(name));
        string normalized = actual.ReplaceLineEndings("\n");
        bool accept = Environment.GetEnvironmentVariable("DSLRUNNER_ACCEPT_SNAPSHOTS") == "1";

        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == normalized)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
        if (accept || (!File.Exists(verified) && Environment.GetEnvironmentVariable("CI") is null))
        {
            File.WriteAllText(verified, normalized);
            if (File.Exists(received)) File.Delete(received);
            if (accept) return;
            throw new Xunit.Sdk.XunitException($"new snapshot written to {verified}; review it and run again");
        }
        File.WriteAllText(received, normalized);
        string hint = File.Exists(verified)
            ? FirstDifference(File.ReadAllText(verified).ReplaceLineEndings("\n"), normalized)
            : "no verified snapshot exists";
        throw new Xunit.Sdk.XunitException(
            $"snapshot {name} differs ({hint}). Compare {received} with {verified}; accept with DSLRUNNER_ACCEPT_SNAPSHOTS=1.");
    }

    static string ReceivedName(string name)
    {
        string extension = Path.GetExtension(name);
        return name[..^extension.Length] + ".received" + extension;
    }

    static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string e = i < expectedLines.Length ? expectedLines[i] : "<end>";
            string a = i < actualLines.Length ? actualLines[i] : "<end>";
            if (e != a) return $"line {i + 1}: expected '{e}', got '{a}'";
        }
        return "same lines";
    }

    static string TestsRoot(string callerPath)
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(callerPath)!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DslRunner.Tests.csproj")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("cannot find the tests folder from " + callerPath);
    }

    /// <summary>The repository root (the folder holding DslRunner.sln).</summary>
    public static string RepositoryRoot([CallerFilePath] string callerPath = "") =>
        Path.GetDirectoryName(TestsRoot(callerPath))!;
}
