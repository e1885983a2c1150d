using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DslRunner.Generator.Schema;
using DslRunner.Tests.Infrastructure;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace DslRunner.Tests.Generator;

/// <summary>
/// Every experiment file in the repository (the deliberately invalid ones under tests/Invalid aside) validates against
/// generator/build/experiment.schema.json with an independent JSON Schema validator, so editors that use the schema
/// never flag a valid experiment; and the schema does refuse a wrong one.
/// </summary>
public sealed partial class ExperimentFilesSchemaTests
{
    static readonly string Root = Snapshot.RepositoryRoot();

    static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(Root, "generator", "build", JsonSchemaWriter.FileName))));

    public static TheoryData<string> ExperimentFiles() =>
    [
        .. Directory.GetFiles(Root, "*.experiment.yaml", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(file => !file.StartsWith("tests/Invalid/", StringComparison.Ordinal)
                           && !file.Split('/').Any(part => part is "bin" or "obj" or "runs"))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(ExperimentFiles))]
    public void The_experiment_file_validates_against_the_json_schema(string relativePath)
    {
        var result = Validate(File.ReadAllText(Path.Combine(Root, relativePath)));

        Assert.True(result.IsValid, $"{relativePath}: {Errors(result)}");
    }

    [Fact]
    public void The_schema_refuses_a_wrong_type_an_unknown_key_and_a_missing_section()
    {
        const string valid = "experiment: ok\ndata: { tokens: 1000 }\nmodel: { kind: transformer, layers: 1, d_model: 16, heads: 2, context: 8 }\ntrain: { batch: 2, steps: 3 }\n";

        Assert.True(Validate(valid).IsValid, Errors(Validate(valid)));
        Assert.False(Validate(valid.Replace("layers: 1", "layers: two", StringComparison.Ordinal)).IsValid);
        Assert.False(Validate(valid + "colour: blue\n").IsValid);
        Assert.False(Validate(valid.Replace("train: { batch: 2, steps: 3 }\n", "", StringComparison.Ordinal)).IsValid);
    }

    static EvaluationResults Validate(string yaml) =>
        Schema.Value.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(ToJson(yaml)), new EvaluationOptions { OutputFormat = OutputFormat.List });

    internal static string Errors(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Prepend(result).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    /// <summary>A YAML document as JSON, typing plain scalars the way YAML's core schema does.</summary>
    internal static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType}"),
    };

    static JsonNode? Plain(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when Integer().IsMatch(text) => JsonValue.Create(long.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
        _ when Float().IsMatch(text) => JsonValue.Create(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(text),
    };

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
