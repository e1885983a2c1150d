namespace DslRunner.Tests.Infrastructure;

/// <summary>The snapshot flow itself: nothing is pinned without someone accepting it, and CI never accepts.</summary>
public sealed class SnapshotFlowTests
{
    [Fact]
    public void A_missing_snapshot_fails_every_time_and_writes_only_the_received_file()
    {
        using var folder = new TempFolder();
        string verified = Path.Combine(folder.Path, "Thing.verified.txt");
        using var accept = new ScopedEnvironment(Snapshot.AcceptVariable, null);

        for (int attempt = 0; attempt < 2; attempt++)
        {
            var error = Assert.Throws<DslRunner.Testing.SnapshotMismatchException>(() => Snapshot.MatchFile("new text\n", verified));
            Assert.Contains("does not exist", error.Message);
        }

        Assert.False(File.Exists(verified));
        Assert.Equal("new text\n", File.ReadAllText(Snapshot.ReceivedPath(verified)));
    }

    [Fact]
    public void A_different_snapshot_fails_names_the_first_difference_and_keeps_the_verified_file()
    {
        using var folder = new TempFolder();
        string verified = Path.Combine(folder.Path, "Thing.verified.txt");
        File.WriteAllText(verified, "a\nb\n");
        using var accept = new ScopedEnvironment(Snapshot.AcceptVariable, null);

        var error = Assert.Throws<DslRunner.Testing.SnapshotMismatchException>(() => Snapshot.MatchFile("a\nc\n", verified));

        Assert.Contains("line 2: expected 'b', got 'c'", error.Message);
        Assert.Equal("a\nb\n", File.ReadAllText(verified));
        Assert.Equal("a\nc\n", File.ReadAllText(Snapshot.ReceivedPath(verified)));
    }

    [Fact]
    public void A_matching_snapshot_passes_and_clears_an_old_received_file()
    {
        using var folder = new TempFolder();
        string verified = Path.Combine(folder.Path, "Thing.verified.txt");
        File.WriteAllText(verified, "same\r\n");
        File.WriteAllText(Snapshot.ReceivedPath(verified), "old");

        Snapshot.MatchFile("same\n", verified);

        Assert.False(File.Exists(Snapshot.ReceivedPath(verified)));
    }

    [Fact]
    public void Accepting_writes_the_verified_file_outside_CI_and_is_refused_under_CI()
    {
        using var folder = new TempFolder();
        string verified = Path.Combine(folder.Path, "Thing.verified.txt");
        using var accept = new ScopedEnvironment(Snapshot.AcceptVariable, "1");

        using (new ScopedEnvironment("CI", "true"))
        {
            var error = Assert.Throws<DslRunner.Testing.SnapshotMismatchException>(() => Snapshot.MatchFile("text\n", verified));
            Assert.Contains("refused while CI is set", error.Message);
            Assert.False(File.Exists(verified));
        }
        using (new ScopedEnvironment("CI", null))
        {
            Snapshot.MatchFile("text\n", verified);
            Assert.Equal("text\n", File.ReadAllText(verified));
        }
    }
}
