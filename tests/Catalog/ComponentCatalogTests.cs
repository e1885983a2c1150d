using System.Globalization;
using System.Text.Json;
using DslRunner.Config;
using DslRunner.Generator.Attributes;
using DslRunner.Generator.Schema;
using DslRunner.Native;
using DslRunner.Runs;

namespace DslRunner.Tests.Catalog;

/// <summary>
/// Every component the DSL's catalog describes (model kinds, loss terms, decoders, tokenizers, corpora) joined to its
/// runtime half: it is in the JSON Schema, has its C# attribute, binds from YAML, keeps its tag in JSON, survives
/// <c>--set</c> and a resume's round trip, and the runtime constructs it from its config. A descriptor without a runtime
/// record (or a runtime record without a descriptor) fails here, not in a user's run.
/// </summary>
public sealed class ComponentCatalogTests
{
    public static TheoryData<string, string> Components()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in ExperimentSchema.Model.Kinds) data.Add("model", kind.Tag);
        foreach (var term in ExperimentSchema.Loss.Entries) data.Add("loss", term.Tag);
        foreach (var decoder in ExperimentSchema.Decode.Entries) data.Add("decode", decoder.Tag);
        return data;
    }

    static RecordType Descriptor(string section, string tag) => section switch
    {
        "model" => ExperimentSchema.Model.Find(tag)!,
        "loss" => ExperimentSchema.Loss.Find(tag)!,
        _ => ExperimentSchema.Decode.Find(tag)!,
    };

    /// <summary>A value every rule accepts for a key of this type.</summary>
    static string Sample(SchemaType type) => type switch
    {
        IntegerType integer => Math.Max(integer.Minimum, 2).ToString(CultureInfo.InvariantCulture),
        NumberType number => (double.IsPositiveInfinity(number.Maximum) ? number.Minimum + 0.5 : (number.Minimum + number.Maximum) / 2)
            .ToString("R", CultureInfo.InvariantCulture),
        ChoiceType choice => choice.Choices[0].Name,
        _ => "x",
    };

    static string Mapping(RecordType record, string? kind = null) => "{ " + string.Join(", ",
        (kind is null ? [] : new[] { "kind: " + kind })
        .Concat(record.Fields.Where(f => f.Default is RequiredDefault).Select(f => $"{f.Key}: {Sample(f.Type)}"))) + " }";

    static string Declaration(string section, RecordType component)
    {
        string model = section == "model" ? Mapping(component, component.Tag) : "{ kind: transformer, layers: 1, d_model: 8, heads: 2, context: 8 }";
        string loss = section == "loss" ? $"[{{ {component.Tag}: {Mapping(component)} }}]" : "[{ cross_entropy: {} }]";
        string decode = section == "decode" ? $"[{{ {component.Tag}: {Mapping(component)} }}]" : "[]";
        return $"""
            experiment: catalog
            data: {"{"} tokens: 2000 {"}"}
            model: {model}
            loss: {loss}
            train: {"{"} batch: 2, steps: 2 {"}"}
            decode: {decode}
            """;
    }

    static ExperimentConfig Bind(string declaration, params string[] overrides)
    {
        var result = ConfigOverrides.Bind(declaration, overrides);
        Assert.True(result.Config is not null, string.Join("\n", result.Errors));
        return result.Config;
    }

    static object RuntimeRecord(string section, ExperimentConfig config) => section switch
    {
        "model" => config.Model,
        "loss" => config.Loss[0],
        _ => config.Decode[0],
    };

    [Theory]
    [MemberData(nameof(Components))]
    public void Each_component_is_in_the_schema_and_has_its_attribute(string section, string tag)
    {
        var component = Descriptor(section, tag);
        using var schema = JsonDocument.Parse(JsonSchemaWriter.Write());

        Assert.True(schema.RootElement.GetProperty("$defs").TryGetProperty(tag, out _), $"the JSON Schema has no definition of {tag}");
        Assert.NotNull(component.Attribute);
        Assert.Contains($"class {component.Attribute}Attribute", AttributeSource.Generate());
        Assert.Contains(AttributeCatalog.Bindings, binding => binding.Record == component);
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void Each_component_binds_from_YAML_to_its_record_and_the_runtime_builds_it(string section, string tag)
    {
        var component = Descriptor(section, tag);

        var config = Bind(Declaration(section, component));

        var record = RuntimeRecord(section, config);
        Assert.Equal(component.CSharpType, "global::" + record.GetType().FullName);
        TorchRuntime.EnsureLoaded();
        switch (record)
        {
            case ModelConfig model:
                using (var built = model.Build(vocabularySize: 20)) Assert.Equal(20, built.VocabularySize);
                Assert.True(model.ExpressiveShape().Layers >= 1);
                break;
            case LossTermConfig term:
                Assert.Equal(tag, term.Build().Name);
                break;
            case DecoderConfig decoder:
                Assert.NotNull(decoder.Build());
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void Each_component_keeps_its_tag_in_JSON_and_survives_set_and_resume(string section, string tag)
    {
        var component = Descriptor(section, tag);
        string declaration = Declaration(section, component);

        var config = Bind(declaration);
        string json = ConfigJson.Serialize(config);
        var resumed = JsonSerializer.Deserialize<ExperimentConfig>(json, ConfigJson.Options)!;

        Assert.Contains($"\"$kind\": \"{tag}\"", json);
        Assert.Equal(json, ConfigJson.Serialize(resumed));
        var field = component.Fields.FirstOrDefault(f => f.Type is IntegerType or NumberType);
        if (field is null) return;
        string value = field.Type is IntegerType ? "3" : "0.25";
        string path = section == "model" ? $"model.{field.Key}" : $"{section}.{tag}.{field.Key}";
        var overridden = Bind(declaration, $"{path}={value}");
        Assert.Contains($"\"{field.Key}\": {value}", ConfigJson.Serialize(overridden));
    }

    [Fact]
    public void Every_runtime_record_has_a_descriptor_and_its_JSON_tag_is_the_descriptors()
    {
        var descriptors = new Dictionary<Type, IReadOnlyList<RecordType>>
        {
            [typeof(ModelConfig)] = ExperimentSchema.Model.Kinds,
            [typeof(LossTermConfig)] = ExperimentSchema.Loss.Entries,
            [typeof(DecoderConfig)] = ExperimentSchema.Decode.Entries,
        };
        Type[] written = [typeof(CustomLossConfig), typeof(CustomDecoderConfig)]; // C# components: the generated code builds them
        foreach (var (baseType, records) in descriptors)
        {
            var runtime = baseType.Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(baseType) && !t.IsAbstract && !written.Contains(t))
                .Select(t => "global::" + t.FullName)
                .Order();
            Assert.Equal(records.Select(r => r.CSharpType).Order(), runtime);
            var derived = ConfigJson.Options.GetTypeInfo(baseType).PolymorphismOptions!.DerivedTypes
                .Where(d => !written.Contains(d.DerivedType))
                .Select(d => ((string)d.TypeDiscriminator!, "global::" + d.DerivedType.FullName))
                .Order();
            Assert.Equal(records.Select(r => (r.Tag, r.CSharpType)).Order(), derived);
        }
    }
}
