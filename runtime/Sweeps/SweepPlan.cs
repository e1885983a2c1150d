using System.Text.Json;
using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.RunFiles;

namespace DslRunner.Sweeps;

/// <summary>
/// sweep.json: every point a sweep will run, resolved before anything runs. The plan is the sweep's identity:
/// its name, overrides, seeds and launcher settings hash to <see cref="Id"/>, so the same command finds it again.
/// </summary>
/// <param name="Name">The experiment swept (or, for a study, the study's name).</param>
/// <param name="Overrides">The <c>--set</c> overrides applied to every point.</param>
/// <param name="Seeds">The seeds every point runs with; empty = each point's declared seed.</param>
public sealed record SweepPlan(
    int Format,
    string Id,
    string Name,
    IReadOnlyList<string> Overrides,
    IReadOnlyList<int> Seeds,
    LauncherSettings Launcher,
    DateTimeOffset CreatedAt,
    IReadOnlyList<SweepPoint> Points)
{
    public const string FileName = "sweep.json";
    public const int CurrentFormat = 1;

    /// <summary>The <c>--grid</c> arguments whose product every declared point runs with; empty when none.</summary>
    public IReadOnlyList<string> Grid { get; init; } = [];

    /// <summary>Points left out because an earlier point is the same run but for its name.</summary>
    public IReadOnlyList<MergedPoint> Merged { get; init; } = [];

    /// <remarks>The grid is hashed only when there is one, so sweeps planned before grids existed keep their ids.</remarks>
    public static string IdentityOf(string name, IReadOnlyList<string> overrides, IReadOnlyList<int> seeds, LauncherSettings launcher, IReadOnlyList<string>? grid = null) =>
        FileHash.Sha256Text(string.Join('\n', [name, .. overrides, "seeds " + string.Join(',', seeds), launcher.Identity,
            .. grid is { Count: > 0 } ? ["grid " + string.Join('\n', grid)] : Array.Empty<string>()]))[..12];

    /// <summary>The folder name under <c>runs/sweeps/</c>.</summary>
    public string FolderName => $"{RunFolder.SafeName(Name)}-{Id}";

    public void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, ConfigJson.Options));
    }

    /// <exception cref="InvalidDataException">The file is missing or is not a plan.</exception>
    public static SweepPlan Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new InvalidDataException($"{folder} has no {FileName}: it is not a sweep folder");
        try
        {
            return JsonSerializer.Deserialize<SweepPlan>(ConfigJson.WithCurrentKeys(File.ReadAllText(path)), ConfigJson.Options)
                   ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid sweep plan: {e.Message}", e);
        }
    }
}

/// <summary>A requested point planned as another: its config equals <paramref name="SameAs"/>'s but for the name.</summary>
public sealed record MergedPoint(string Label, string SameAs)
{
    public override string ToString() => $"{Label} is the same run as {SameAs} (only the name differs): planned once";
}
