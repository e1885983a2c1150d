using System.Collections.Generic;
using System.Linq;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Model;
using DslRunner.Generator.Schema;

namespace DslRunner.Generator.Emit;

/// <summary>
/// Writes one experiment's class: its config as typed static members (every default explicit), the
/// <c>IExperiment</c> methods that build and train it, and a nested class per variant and sweep point.
/// </summary>
public static class ExperimentEmitter
{
    const string Config = "global::DslRunner.Config.";

    /// <summary>The file's text; its <c>GeneratedSourceHash</c> is the SHA-256 of that text with the hash's own value empty.</summary>
    public static string Emit(ExperimentSpec spec)
    {
        string text = EmitText(spec);
        return text.Replace(HashConstant(""), HashConstant(SourceHash.Sha256(text)));
    }

    const string HashConstantName = "GeneratedSourceHash";

    static string HashConstant(string hash) => $"public const string {HashConstantName} = \"{hash}\";";

    static string EmitText(ExperimentSpec spec)
    {
        var writer = new SourceWriter();
        SourceHeader.Write(writer, spec.Namespace);
        writer.WriteLine("/// <summary>Generated from an experiment declaration; edit the declaration, not this file.</summary>");
        writer.WriteLine(SourceHeader.GeneratedCodeAttribute);
        string modifiers = spec.IsSealed ? "public sealed partial class" : "partial class";
        using (writer.Block($"{modifiers} {spec.ClassName} : global::DslRunner.IExperiment"))
        {
            writer.WriteLine("/// <summary>SHA-256 of this file with this constant's value empty; runs record it in their manifest.</summary>");
            writer.WriteLine(HashConstant(""));
            writer.WriteLine();
            WriteMembers(writer, spec.Body);
            foreach (var derived in spec.Derived)
            {
                writer.WriteLine();
                writer.WriteLine("/// <summary>A variant or sweep point of this experiment.</summary>");
                using (writer.Block($"public sealed class {derived.ClassName} : global::DslRunner.IExperiment"))
                    WriteMembers(writer, derived.Body);
            }
        }
        return writer.ToString();
    }

    static void WriteMembers(SourceWriter writer, ExperimentBody body)
    {
        var config = body.Config;
        var parts = new ConfigParts(config);

        writer.WriteLine("/// <summary>The experiment's unique name, as the command line knows it.</summary>");
        writer.WriteLine($"public const string Name = {CSharpLiteral.Expression(config.ValueOf("experiment")!)};");
        writer.WriteLine();
        writer.WriteLine($"public const string Description = {CSharpLiteral.Expression(config.ValueOf("description")!)};");
        writer.WriteLine();
        writer.WriteLine($"public const int Seed = {CSharpLiteral.Expression(config.ValueOf("seed")!)};");
        writer.WriteLine();
        writer.WriteLine($"public string GeneratedCodeHash => {HashConstantName};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The resolved declaration as YAML, re-bound when a run overrides keys.</summary>");
        writer.WriteLine($"public string Declaration => {CSharpLiteral.MultiLineString(body.Declaration)};");
        writer.WriteLine();
        Property(writer, "Data", (RecordValue)config.ValueOf("data")!);
        Property(writer, "Tokenizer", (RecordValue)config.ValueOf("tokenizer")!);
        Property(writer, "Model", parts.Model);
        foreach (var (name, term) in parts.LossTerms) ComponentProperty(writer, name, term, "CustomLossConfig");
        ListProperty(writer, "LossTerms", Config + "LossTermConfig", parts.LossTerms.Select(t => t.Name));
        Property(writer, "Training", (RecordValue)config.ValueOf("train")!);
        if (config.ValueOf("sparsity") is RecordValue sparsity) Property(writer, "Sparsity", sparsity);
        else
        {
            writer.WriteLine($"public static {Config}SparsityConfig? Sparsity => null;");
            writer.WriteLine();
        }
        foreach (var (name, decoder) in parts.Decoders) ComponentProperty(writer, name, decoder, CustomDecoderRecord);
        ListProperty(writer, "Decoding", Config + "DecoderConfig", parts.Decoders.Select(d => d.Name));
        Property(writer, "Evaluation", (RecordValue)config.ValueOf("eval")!);

        writer.WriteLine("/// <summary>The whole resolved configuration.</summary>");
        using (writer.Indented($"public static {Config}ExperimentConfig Configuration {{ get; }} = new(", ""))
        {
            writer.WriteLine("Name: Name,");
            writer.WriteLine("Description: Description,");
            writer.WriteLine("Seed: Seed,");
            writer.WriteLine("Data: Data,");
            writer.WriteLine("Tokenizer: Tokenizer,");
            writer.WriteLine("Model: Model,");
            writer.WriteLine("Loss: LossTerms,");
            writer.WriteLine("Train: Training,");
            writer.WriteLine("Sparsity: Sparsity,");
            writer.WriteLine("Decode: Decoding,");
            writer.WriteLine("Eval: Evaluation);");
        }

        writer.WriteLine($"public {Config}ExperimentConfig Config => Configuration;");
        writer.WriteLine();
        writer.WriteLine("public global::DslRunner.Models.LanguageModel BuildModel(int vocabularySize) => Model.Build(vocabularySize);");
        writer.WriteLine();
        using (writer.Block("public global::DslRunner.Losses.CompositeLoss BuildLoss() => new(new global::DslRunner.Losses.LossTerm[]", "});"))
        {
            foreach (var (name, term) in parts.LossTerms)
                writer.WriteLine(Construction(name, term) + ",");
        }
        writer.WriteLine();
        const string decoders = "public global::System.Collections.Generic.IReadOnlyList<global::DslRunner.Decoding.IDecoder> BuildDecoders() =>";
        if (parts.Decoders.Count == 0)
            writer.WriteLine(decoders + " global::System.Array.Empty<global::DslRunner.Decoding.IDecoder>();");
        else
        {
            using (writer.Block(decoders + " new global::DslRunner.Decoding.IDecoder[]", "};"))
            {
                foreach (var (name, decoder) in parts.Decoders) writer.WriteLine(Construction(name, decoder) + ",");
            }
        }
        if (parts.Metrics.Count > 0)
        {
            writer.WriteLine();
            using (writer.Block("public global::System.Collections.Generic.IReadOnlyList<global::DslRunner.Training.EvalMetric> BuildMetrics() => " +
                "new global::DslRunner.Training.EvalMetric[]", "};"))
            {
                foreach (var metric in parts.Metrics) writer.WriteLine(metric.NewExpression + ",");
            }
        }
    }

    /// <summary>A catalog component is built from its record; a C# one is constructed directly.</summary>
    static string Construction(string name, ConfigValue component) =>
        component is TypeValue type ? type.NewExpression : name + ".Build()";

    static void Property(SourceWriter writer, string name, RecordValue value)
    {
        writer.WriteLine($"public static {value.CSharpType} {name} {{ get; }} = {CSharpLiteral.Expression(value, targetTyped: true)};");
        writer.WriteLine();
    }

    /// <summary>A C# decoder's record also holds the key the decoder gives its metrics, read from a fresh instance.</summary>
    const string CustomDecoderRecord = "CustomDecoderConfig";

    /// <summary>A loss term's or decoder's record; for a C# one, the record that names its type (<paramref name="customRecord"/>).</summary>
    static void ComponentProperty(SourceWriter writer, string name, ConfigValue component, string customRecord)
    {
        if (component is RecordValue record)
        {
            Property(writer, name, record);
            return;
        }
        var type = (TypeValue)component;
        writer.WriteLine($"public static {Config}{customRecord} {name} {{ get; }} = new(");
        string arguments = type.Arguments.Length == 0 ? "" : $",\n    Arguments: {CSharpLiteral.String(type.Arguments)}";
        writer.WriteLine(customRecord == CustomDecoderRecord
            ? $"    Type: {CSharpLiteral.String(type.DisplayName)},\n    Name: {type.NewExpression}.Key{arguments});"
            : $"    Type: {CSharpLiteral.String(type.DisplayName)}{arguments});");
        writer.WriteLine();
    }

    static void ListProperty(SourceWriter writer, string name, string elementType, IEnumerable<string> members)
    {
        var items = members.ToList();
        string initializer = items.Count == 0
            ? $"global::System.Array.Empty<{elementType}>()"
            : $"new {elementType}[] {{ {string.Join(", ", items)} }}";
        writer.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{elementType}> {name} {{ get; }} = {initializer};");
        writer.WriteLine();
    }

    /// <summary>The config's parts that become several members: the model's schema, and each loss term and decoder with a unique member name.</summary>
    sealed class ConfigParts
    {
        public ConfigParts(RecordValue config)
        {
            Model = (RecordValue)config.ValueOf("model")!;
            LossTerms = Name(((ListValue)config.ValueOf("loss")!).Items, "Term");
            Decoders = Name(((ListValue)config.ValueOf("decode")!).Items, "Decoding");
            Metrics = ((ListValue)((RecordValue)config.ValueOf("eval")!).ValueOf("metrics")!).Items.OfType<TypeValue>().ToList();
        }

        public RecordValue Model { get; }
        public List<(string Name, ConfigValue Value)> LossTerms { get; }
        public List<(string Name, ConfigValue Value)> Decoders { get; }

        /// <summary>The metrics written in C#, in declaration order.</summary>
        public List<TypeValue> Metrics { get; }

        /// <summary>capacity → CapacityTerm; a second capacity term → CapacityTerm2; a C# term Lab.EntropyBonus → EntropyBonusTerm.</summary>
        static List<(string Name, ConfigValue Value)> Name(IEnumerable<ConfigValue> values, string suffix)
        {
            var counts = new Dictionary<string, int>();
            var named = new List<(string, ConfigValue)>();
            foreach (var value in values)
            {
                string tag = value switch
                {
                    RecordValue record => record.Tag,
                    TypeValue type => type.FullyQualifiedName.Substring(type.FullyQualifiedName.LastIndexOf('.') + 1),
                    _ => "value",
                };
                string baseName = Resolution.ClassNames.FromName(tag) + suffix;
                counts[baseName] = counts.TryGetValue(baseName, out int count) ? count + 1 : 1;
                named.Add((counts[baseName] == 1 ? baseName : baseName + counts[baseName], value));
            }
            return named;
        }
    }
}
