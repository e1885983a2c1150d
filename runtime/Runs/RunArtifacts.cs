using System.Text.Json;
using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Tokenizers;
using DslRunner.Training;
using static TorchSharp.torch;
using DslRunner.RunFiles;

namespace DslRunner.Runs;

/// <summary>A token and its position on the token vectors' first two principal components.</summary>
public sealed record ProjectedToken(string Token, double X, double Y);

/// <summary>The small files a finished run leaves besides metrics: its samples and a 2-D map of its token vectors.</summary>
public static class RunArtifacts
{
    public const string SamplesFileName = "samples.json";
    public const string ProjectionFileName = "token_projection.json";

    public static void WriteSamples(string folder, IReadOnlyList<Sample> samples) =>
        AtomicFile.WriteAllText(Path.Combine(folder, SamplesFileName), JsonSerializer.Serialize(samples, ConfigJson.Options));

    public static IReadOnlyList<Sample> ReadSamples(string folder)
    {
        string path = Path.Combine(folder, SamplesFileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<List<Sample>>(File.ReadAllText(path), ConfigJson.Options) ?? [] : [];
    }

    public static void WriteProjection(string folder, LanguageModel model, ITokenizer tokenizer) =>
        AtomicFile.WriteAllText(Path.Combine(folder, ProjectionFileName),
            JsonSerializer.Serialize(Project(model, tokenizer), ConfigJson.Options));

    public static IReadOnlyList<ProjectedToken> ReadProjection(string folder)
    {
        string path = Path.Combine(folder, ProjectionFileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<List<ProjectedToken>>(File.ReadAllText(path), ConfigJson.Options) ?? [] : [];
    }

    /// <summary>PCA of the token vectors (at most 2,000 tokens, the lowest ids) onto two components.</summary>
    public static IReadOnlyList<ProjectedToken> Project(LanguageModel model, ITokenizer tokenizer)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long count = Math.Min(model.TokenVectors.shape[0], 2000);
        var vectors = model.TokenVectors[..(int)count].to(float64);
        var centered = vectors - vectors.mean([0], keepdim: true);
        var (_, _, vh) = linalg.svd(centered, fullMatrices: false);
        var coordinates = centered.matmul(vh[..2].t()).data<double>().ToArray();
        var tokens = new ProjectedToken[count];
        for (int i = 0; i < count; i++)
            tokens[i] = new ProjectedToken(tokenizer.Decode([i]), coordinates[2 * i], coordinates[2 * i + 1]);
        return tokens;
    }
}
