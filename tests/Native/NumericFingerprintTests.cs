using DslRunner.Native;
using DslRunner.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DslRunner.Tests.Native;

/// <summary>
/// `numeric fingerprint` in child processes (each loads libtorch in the mode it is asked for): stable from one process
/// to the next, moved by a different pin, and equal to the committed fingerprint of this CPU where one exists. Committed
/// fingerprints of other CPUs are compared family by family and the families that differ are reported, not failed.
/// </summary>
public sealed class NumericFingerprintTests(ITestOutputHelper log)
{
    static string FingerprintFolder => Path.Combine(Snapshot.RepositoryRoot(), "tests", "Native", "Fingerprints");

    static NumericFingerprint.Parsed Fingerprint(IReadOnlyDictionary<string, string?> environment, params string[] options)
    {
        var (exit, output, error) = CliProcess.Run(environment, ["numeric", "fingerprint", .. options]);
        Assert.True(exit == 0, output + error);
        return NumericFingerprint.Parse(output);
    }

    [Fact]
    public void A_fingerprint_is_the_same_in_two_processes_and_a_different_kernel_pin_changes_some_family()
    {
        var first = Fingerprint(new Dictionary<string, string?>(), "--portable");
        var second = Fingerprint(new Dictionary<string, string?>(), "--portable");
        var genericAten = new Dictionary<string, string?>(NumericPins.Portable.ToDictionary(p => p.Key, p => (string?)p.Value))
        {
            [NumericPins.AtenCpuCapability] = "default",
            [NumericPins.ModeVariable] = null,
        };
        var other = Fingerprint(genericAten);

        Assert.Equal(NumericFingerprint.Families.Select(f => f.Name), first.Hashes.Keys);
        Assert.All(first.Hashes.Values, hash => Assert.Matches("^[0-9a-f]{16}$", hash));
        Assert.Empty(first.DifferingFamilies(second));
        Assert.Equal("portable", first.Mode);
        Assert.Equal("default", other.Header["ATEN_CPU_CAPABILITY"]);
        var moved = first.DifferingFamilies(other);
        log.WriteLine($"ATen's generic kernels instead of AVX2 change: {string.Join(", ", moved)}");
        Assert.NotEmpty(moved);
    }

    [Fact]
    public void This_cpus_committed_fingerprints_match_and_other_cpus_are_compared_family_by_family()
    {
        var files = Directory.GetFiles(FingerprintFolder, "*.txt").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var here = new Dictionary<string, NumericFingerprint.Parsed>
        {
            ["portable"] = Fingerprint(new Dictionary<string, string?>(), "--portable"),
            ["default"] = Fingerprint(new Dictionary<string, string?> { [NumericPins.ModeVariable] = "default" }),
        };
        bool thisCpuCommitted = false;
        foreach (string file in files)
        {
            var committed = NumericFingerprint.Parse(File.ReadAllText(file));
            Assert.True(here.ContainsKey(committed.Mode), $"{file}: unknown mode '{committed.Mode}'");
            var mine = here[committed.Mode];
            var differing = mine.DifferingFamilies(committed);
            if (committed.Cpu == mine.Cpu && committed.Threads == mine.Threads && NumericPins.Variables.All(v => committed.Header.GetValueOrDefault(v) == mine.Header.GetValueOrDefault(v)))
            {
                thisCpuCommitted = true;
                Assert.True(differing.Count == 0, $"{Path.GetFileName(file)} was made on this CPU, yet these families differ now: {string.Join(", ", differing)}");
            }
            log.WriteLine($"{Path.GetFileName(file)} ({committed.Cpu}): " +
                          (differing.Count == 0 ? "every family equal" : "differ in " + string.Join(", ", differing)));
        }
        if (!thisCpuCommitted)
            log.WriteLine($"no committed fingerprint of this CPU ({here["portable"].Cpu}); add one with `numeric fingerprint [--portable] > tests/Native/Fingerprints/<cpu>.<mode>.txt`");
    }
}
