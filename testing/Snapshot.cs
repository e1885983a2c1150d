using System.Runtime.CompilerServices;

namespace DslRunner.Testing;

/// <summary>
/// Readable snapshot files kept in the test project's <c>Snapshots/</c> folder (the nearest folder above the calling
/// source file that holds a <c>.csproj</c>). A mismatch writes <c>NAME.received.EXT</c> next to the verified file and
/// fails; set <c>DSLRUNNER_ACCEPT_SNAPSHOTS=1</c> to accept. A missing snapshot is written and fails once so that it
/// is reviewed; under CI (the <c>CI</c> variable set) it only fails, so that nothing is pinned silently.
/// </summary>
public static class Snapshot
{
    /// <summary>The environment variable that, set to 1, accepts every received text as the new snapshot.</summary>
    public const string AcceptVariable = "DSLRUNNER_ACCEPT_SNAPSHOTS";

    /// <summary>Compares <paramref name="actual"/> (line endings normalized) with <c>Snapshots/<paramref name="name"/></c>.</summary>
    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        string folder = Folder(callerPath);
        string verified = Path.Combine(folder, name);
        string received = Path.Combine(folder, ReceivedName(name));
        string normalized = actual.ReplaceLineEndings("\n");
        bool accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";

        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == normalized)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
        if (accept || (!File.Exists(verified) && Environment.GetEnvironmentVariable("CI") is null))
        {
            File.WriteAllText(verified, normalized);
            if (File.Exists(received)) File.Delete(received);
            if (accept) return;
            throw new SnapshotMismatchException($"new snapshot written to {verified}; review it and run again");
        }
        File.WriteAllText(received, normalized);
        string hint = File.Exists(verified)
            ? FirstDifference(File.ReadAllText(verified).ReplaceLineEndings("\n"), normalized)
            : "no verified snapshot exists";
        throw new SnapshotMismatchException(
            $"snapshot {name} differs ({hint}). Compare {received} with {verified}; accept with {AcceptVariable}=1.");
    }

    /// <summary>The <c>Snapshots/</c> folder of the test project that holds the calling source file.</summary>
    public static string Folder([CallerFilePath] string callerPath = "") => Path.Combine(ProjectFolder(callerPath), "Snapshots");

    /// <summary>The nearest folder above <paramref name="sourceFile"/> that holds a project file.</summary>
    public static string ProjectFolder(string sourceFile)
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!);
        while (directory is not null && directory.GetFiles("*.csproj").Length == 0)
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("no project file in any folder above " + sourceFile);
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
}

/// <summary>A snapshot differs from its verified file, or was missing and has just been written.</summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);
