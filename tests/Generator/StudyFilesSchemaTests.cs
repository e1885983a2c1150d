using DslRunner.Generator.Schema;
using DslRunner.Tests.Infrastructure;
using Json.Schema;

namespace DslRunner.Tests.Generator;

/// <summary>
/// generator/build/study.schema.json is generated from the DSL core's study schema (regenerated here through the
/// snapshot flow), every study file in the repository (the deliberately invalid ones under tests/Invalid aside) validates
/// against it with an independent JSON Schema validator, and it refuses a wrong key, type or choice.
/// </summary>
public sealed class StudyFilesSchemaTests
{
    static readonly string Root = Snapshot.RepositoryRoot();
    static readonly string CommittedPath = Path.Combine(Root, "generator", "build", StudySchemaWriter.FileName);

    static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(CommittedPath)));

    public static TheoryData<string> StudyFiles() => [.. StudyPaths()];

    static IEnumerable<string> StudyPaths() =>
        Directory.GetFiles(Root, "*.study.yaml", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(file => !file.StartsWith("tests/Invalid/", StringComparison.Ordinal)
                           && !file.Split('/').Any(part => part is "bin" or "obj" or "runs"))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void The_committed_study_schema_is_the_one_the_study_schema_generates() =>
        Snapshot.MatchFile(StudySchemaWriter.Write(), CommittedPath);

    [Theory]
    [MemberData(nameof(StudyFiles))]
    public void The_study_file_validates_against_the_json_schema(string relativePath)
    {
        var result = Validate(File.ReadAllText(Path.Combine(Root, relativePath)));

        Assert.True(result.IsValid, $"{relativePath}: {ExperimentFilesSchemaTests.Errors(result)}");
    }

    [Fact]
    public void Every_study_file_of_the_experiments_is_validated() =>
        Assert.Contains("experiments/seed000-capacity.study.yaml", StudyPaths());

    [Fact]
    public void The_schema_refuses_a_wrong_key_a_wrong_type_a_wrong_choice_and_a_missing_section()
    {
        const string valid = """
            study: ok
            seeds: [1, 2]
            arms:
              a: { experiment: tiny-gpt, set: { train.steps: 3 } }
            measures: [loss]
            claims:
              lower: { check: "loss[a] < 5", kind: finding, source: 001, needs: works }
            controls:
              works: { check: "loss[a] < 9" }
            budgets:
              full: { seeds: [1, 2, 3], runtime: a minute }
            """;

        Assert.True(Validate(valid).IsValid, ExperimentFilesSchemaTests.Errors(Validate(valid)));
        Assert.False(Validate(valid + "\ncolour: blue\n").IsValid);
        Assert.False(Validate(valid.Replace("experiment: tiny-gpt", "experiment: tiny-gpt, steps: 3", StringComparison.Ordinal)).IsValid);
        Assert.False(Validate(valid.Replace("seeds: [1, 2]", "seeds: [one]", StringComparison.Ordinal)).IsValid);
        Assert.False(Validate(valid.Replace("kind: finding", "kind: hunch", StringComparison.Ordinal)).IsValid);
        Assert.False(Validate(valid.Replace("set: { train.steps: 3 }", "set: { train: { steps: 3 } }", StringComparison.Ordinal)).IsValid);
        Assert.False(Validate(valid.Replace("measures: [loss]\n", "", StringComparison.Ordinal)).IsValid);
    }

    static EvaluationResults Validate(string yaml) =>
        Schema.Value.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(ExperimentFilesSchemaTests.ToJson(yaml)),
            new EvaluationOptions { OutputFormat = OutputFormat.List });
}
