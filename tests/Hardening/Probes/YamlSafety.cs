using System.Diagnostics;
using System.Globalization;
using System.Text;
using DslRunner.Tests.Generator;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// Type tags, anchors, aliases, an alias bomb and a huge file are each refused with a DSL0001 diagnostic that says
/// why; in the suite (a quiet process of its own) also within bounded time and allocation, measured process-wide around
/// the generator run — bounds that other work in the same process or on the machine would break, so `dotnet test` checks
/// the refusals only.
/// </summary>
public static class YamlSafety
{
    const string Body = """
        data: { tokens: 10000 }
        model: { kind: transformer, layers: 1, d_model: 16, heads: 2, context: 8 }
        train: { batch: 2, steps: 3 }
        """;

    sealed record Case(string Name, Func<string> Text, string Expected, TimeSpan TimeBound, long AllocationBound);

    static readonly Case[] Cases =
    [
        new("python object tag", () => "experiment: tagged\ndescription: !!python/object/apply:os.system [\"rm -rf /\"]\n" + Body,
            "type tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed", TimeSpan.FromSeconds(1), 20 << 20),
        new("custom tag", () => "experiment: tagged\nseed: !custom 3\n" + Body, "type tags (!custom) are not allowed",
            TimeSpan.FromSeconds(1), 20 << 20),
        new("anchor and alias", () => "experiment: aliased\nmodel: &m { kind: transformer, layers: 1, d_model: 16, heads: 2, context: 8 }\nbase: *m\n" + Body,
            "anchors (&m) are not allowed", TimeSpan.FromSeconds(1), 20 << 20),
        new("billion laughs (10^9 nodes)", BillionLaughs, "anchors (&a) are not allowed", TimeSpan.FromSeconds(1), 20 << 20),
        new("20 MB file", () => "experiment: big\ndescription: \"" + new string('x', 20 << 20) + "\"\n" + Body,
            "more than the limit of 1,000,000 for an experiment file", TimeSpan.FromSeconds(5), 400L << 20),
    ];

    /// <summary>Nine levels of nine aliases each: a billion strings once expanded.</summary>
    static string BillionLaughs()
    {
        var text = new StringBuilder("experiment: bomb\nlol0: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        string previous = "a";
        for (int level = 1; level <= 9; level++)
        {
            string anchor = ((char)('a' + level)).ToString();
            text.Append(CultureInfo.InvariantCulture, $"lol{level}: &{anchor} [{string.Join(",", Enumerable.Repeat("*" + previous, 9))}]\n");
            previous = anchor;
        }
        return text.Append(Body).ToString();
    }

    public static ProbeResult Run() => Run(bounded: true);

    /// <param name="bounded">Also hold each document to its time and allocation bound (the suite only).</param>
    public static ProbeResult Run(bool bounded)
    {
        var failures = new List<string>();
        var figures = new List<string>();
        // A process's first generator run loads ~170 references and JIT-compiles the parser; the bounds are about the
        // documents, so that happens before the clock starts.
        GeneratorHarness.Run(("/project/warm.experiment.yaml", "experiment: warm\n" + Body));
        foreach (var @case in Cases)
        {
            string text = @case.Text();
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var result = GeneratorHarness.Run(("/project/unsafe.experiment.yaml", text));
            clock.Stop();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            figures.Add(string.Create(CultureInfo.InvariantCulture, $"{@case.Name}: {clock.Elapsed.TotalMilliseconds:F0} ms, {allocated / 1048576.0:F1} MB"));
            if (result.Exception is not null) failures.Add($"{@case.Name}: the generator threw {result.Exception.Message}");
            if (!result.Diagnostics.Any(d => d.Id == "DSL0001" && d.GetMessage(CultureInfo.InvariantCulture).Contains(@case.Expected, StringComparison.Ordinal)))
                failures.Add($"{@case.Name}: no DSL0001 saying '{@case.Expected}'; got {string.Join("; ", result.Diagnostics.Select(GeneratorHarness.Describe))}");
            if (result.GeneratedSources.Any(s => s.HintName is not ("ExperimentRegistry.g.cs" or "DslRunner.Declarations.g.cs")))
                failures.Add($"{@case.Name}: code was emitted");
            if (bounded && clock.Elapsed > @case.TimeBound) failures.Add($"{@case.Name}: took {clock.Elapsed.TotalSeconds:F2} s, bound {@case.TimeBound.TotalSeconds} s");
            if (bounded && allocated > @case.AllocationBound) failures.Add($"{@case.Name}: allocated {allocated:N0} bytes, bound {@case.AllocationBound:N0}");
        }
        return new ProbeResult("bad input", "YAML tags, aliases, bombs, huge files refused", $"{Cases.Length} documents",
            string.Join("; ", figures), failures);
    }
}
