using System.Runtime.CompilerServices;

namespace DslRunner.Tests.Infrastructure;

/// <summary>
/// Readable file snapshots stored beside the tests under <c>tests/Snapshots/</c>. A mismatch or a missing snapshot
/// writes <c>NAME.received.EXT</c> next to where the verified file belongs and fails; only
/// DSLRUNNER_ACCEPT_SNAPSHOTS=1 writes the verified file, and it is refused when <c>CI</c> is set.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "DSLRUNNER_ACCEPT_SNAPSHOTS";

    public static string Directory([CallerFilePath] string callerPath = "") =>
        Path.Combine(TestsRoot(callerPath), "Snapshots");

    /// <summary>Compares <paramref name="actual"/> with <c>tests/Snapshots/<paramref name="name"/></c>.</summary>
    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "") =>
        MatchFile(actual, Path.Combine(TestsRoot(callerPath), "Snapshots", name));

    /// <summary>Compares <paramref name="actual"/> with the committed file at <paramref name="verified"/> (any path).</summary>
    public static void MatchFile(string actual, string verified)
    {
        string received = ReceivedPath(verified);
        string normalized = actual.ReplaceLineEndings("\n");
        bool exists = File.Exists(verified);
        string? expected = exists ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;

        if (expected == normalized)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
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
        throw new Xunit.Sdk.XunitException($"{what}, then accept with {AcceptVariable}=1 (locally, never under CI).");
    }

    /// <summary>
    /// Whether DSLRUNNER_ACCEPT_SNAPSHOTS=1 asks to rewrite snapshots. Under CI (<c>CI</c> set) that is refused: a
    /// snapshot is accepted by someone reviewing it, not by the build that checks it.
    /// </summary>
    public static bool Accepting()
    {
        if (Environment.GetEnvironmentVariable(AcceptVariable) != "1") return false;
        if (ContinuousIntegration.IsSet)
            throw new Xunit.Sdk.XunitException($"{AcceptVariable}=1 is refused while CI is set: accept snapshots locally and commit them.");
        return true;
    }

    public static string ReceivedPath(string verified)
    {
        string extension = Path.GetExtension(verified);
        return verified[..^extension.Length] + ".received" + extension;
    }

    public static bool IsReceived(string path) => Path.GetFileName(path).Contains(".received.", StringComparison.Ordinal);

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
