using System.Runtime.CompilerServices;

namespace DslRunner.Testing;

/// <summary>
/// Readable snapshot files kept in the test project's <c>Snapshots/</c> folder (the nearest folder above the calling
/// source file that holds a <c>.csproj</c>). A mismatch or a missing snapshot writes <c>NAME.received.EXT</c> next to
/// where the verified file belongs and fails; only <c>DSLRUNNER_ACCEPT_SNAPSHOTS=1</c> writes the verified file, and
/// that is refused when <c>CI</c> is set: a snapshot is accepted by someone reviewing it, not by the build that checks it.
/// </summary>
public static class Snapshot
{
    /// <summary>The environment variable that, set to 1, accepts every received text as the new snapshot.</summary>
    public const string AcceptVariable = "DSLRUNNER_ACCEPT_SNAPSHOTS";

    /// <summary>Compares <paramref name="actual"/> (line endings normalized) with <c>Snapshots/<paramref name="name"/></c>.</summary>
    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "") =>
        MatchFile(actual, Path.Combine(Folder(callerPath), name));

    /// <summary>Compares <paramref name="actual"/> with the committed file at <paramref name="verified"/> (any path).</summary>
    public static void MatchFile(string actual, string verified)
    {
        string received = ReceivedPath(verified);
        string normalized = actual.ReplaceLineEndings("\n");
        string? expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;

        if (expected == normalized)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
        if (Accepting())
        {
            File.WriteAllText(verified, normalized);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, normalized);
        string what = expected is null
            ? $"snapshot {verified} does not exist; review {received}"
            : $"snapshot {verified} differs ({FirstDifference(expected, normalized)}); compare {received} with it";
        throw new SnapshotMismatchException($"{what}, then accept with {AcceptVariable}=1 (locally, never under CI).");
    }

    /// <summary>Whether DSLRUNNER_ACCEPT_SNAPSHOTS=1 asks to rewrite snapshots; refused (an exception) when CI is set.</summary>
    public static bool Accepting()
    {
        if (Environment.GetEnvironmentVariable(AcceptVariable) != "1") return false;
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci is not ("false" or "0"))
            throw new SnapshotMismatchException($"{AcceptVariable}=1 is refused while CI is set: accept snapshots locally and commit them.");
        return true;
    }

    /// <summary>Where the received text of <paramref name="verified"/> is written.</summary>
    public static string ReceivedPath(string verified)
    {
        string extension = Path.GetExtension(verified);
        return verified[..^extension.Length] + ".received" + extension;
    }

    /// <summary>Whether <paramref name="path"/> names a received (not verified) snapshot.</summary>
    public static bool IsReceived(string path) => Path.GetFileName(path).Contains(".received.", StringComparison.Ordinal);

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

/// <summary>A snapshot differs from its verified file, or is missing.</summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);
