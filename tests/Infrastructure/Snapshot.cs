using System.Runtime.CompilerServices;
using Packaged = DslRunner.Testing.Snapshot;

namespace DslRunner.Tests.Infrastructure;

/// <summary>
/// The packaged snapshot helper (<see cref="DslRunner.Testing.Snapshot"/>, the one consumers' tests use) with this
/// repository's folders: snapshots live under <c>tests/Snapshots/</c>.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = Packaged.AcceptVariable;

    public static string Directory([CallerFilePath] string callerPath = "") =>
        Path.Combine(TestsRoot(callerPath), "Snapshots");

    /// <summary>Compares <paramref name="actual"/> with <c>tests/Snapshots/<paramref name="name"/></c>.</summary>
    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "") =>
        Packaged.MatchFile(actual, Path.Combine(TestsRoot(callerPath), "Snapshots", name));

    /// <summary>Compares <paramref name="actual"/> with the committed file at <paramref name="verified"/> (any path).</summary>
    public static void MatchFile(string actual, string verified) => Packaged.MatchFile(actual, verified);

    public static bool Accepting() => Packaged.Accepting();

    public static string ReceivedPath(string verified) => Packaged.ReceivedPath(verified);

    public static bool IsReceived(string path) => Packaged.IsReceived(path);

    /// <summary>The repository root (the folder above tests/).</summary>
    public static string RepositoryRoot([CallerFilePath] string callerPath = "") =>
        Path.GetDirectoryName(TestsRoot(callerPath))!;

    static string TestsRoot(string callerPath)
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(callerPath)!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DslRunner.Tests.csproj")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("cannot find the tests folder from " + callerPath);
    }
}
