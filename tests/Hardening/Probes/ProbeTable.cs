using System.Globalization;
using System.Text;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>The hardening table: one row per probe, saying whether it ran (and why not) apart from whether it held.</summary>
public static class ProbeTable
{
    /// <summary>"ran" is "yes" or "no: why"; "held" is "yes", "**NO**", or "—" for a probe that did not run.</summary>
    public static string Render(IEnumerable<(ProbeResult Result, TimeSpan Time)> results)
    {
        var table = new StringBuilder();
        table.Append("| area | property | tried | ran | held | figures | time |\n");
        table.Append("|---|---|---|---|---|---|---|\n");
        foreach (var (result, time) in results)
        {
            string ran = result.Ran ? "yes" : result.SkipIsFailure ? $"**NO** (under CI): {result.SkipReason}" : $"no: {result.SkipReason}";
            string held = !result.Ran ? "—" : result.Held ? "yes" : "**NO**";
            table.Append(CultureInfo.InvariantCulture,
                $"| {result.Area} | {result.Property} | {result.Tried} | {ran} | {held} | {result.Figures} | {time.TotalSeconds:F1} s |\n");
        }
        return table.ToString();
    }
}
