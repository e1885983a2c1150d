using System.Linq;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Attributes;

/// <summary>
/// Builds the declaration tree of an <c>[Experiment]</c> class from its attributes, one attribute at a time. Both
/// C# front ends (the compiler's symbols in a build, syntax alone when reviewing a git revision) go through here.
/// </summary>
internal sealed class AttributeTree(SourceSpan classSpan)
{
    readonly TreeBuilder root = new(classSpan);

    /// <summary>Adds one attribute; <paramref name="metadataName"/> is its full name (DslRunner.Declarations.XAttribute).</summary>
    /// <param name="userType">For [LossTerm], [Decoder] and [Metric]: the user type, already checked by the caller; null to skip the attribute.</param>
    public void Add(string metadataName, IAttributeArguments reader, TypeReferenceNode? userType = null)
    {
        switch (metadataName)
        {
            case AttributeCatalog.ExperimentAttribute:
                ReadExperiment(reader);
                break;
            case AttributeCatalog.VariantAttribute:
                ReadVariant(reader);
                break;
            case AttributeCatalog.SweepAttribute:
                ReadSweep(reader);
                break;
            default:
                if (CodeHook.Find(metadataName) is { } hook)
                {
                    if (userType is null) break;
                    var list = root.Section(hook.List.Take(hook.List.Length - 1), reader.NameSpan);
                    list.Append(hook.List[hook.List.Length - 1], reader.NameSpan, hook.Tagged ? Entry("custom", reader.NameSpan, userType) : userType);
                }
                else if (AttributeCatalog.Find(metadataName) is { } binding) ReadRecord(binding, reader);
                break;
        }
    }

    public MappingNode Build() => root.Build();

    void ReadExperiment(IAttributeArguments reader)
    {
        if (reader.Positional(0) is { } name) root.Set(ExperimentSchema.ExperimentKey, reader.NameSpan, name);
        foreach (var (property, value, span) in reader.Named())
            root.Set(property switch
            {
                "Description" => "description",
                "Seed" => "seed",
                "Extends" => ExperimentSchema.ExtendsKey,
                _ => property,
            }, span, value);
    }

    void ReadRecord(AttributeBinding binding, IAttributeArguments reader)
    {
        TreeBuilder settings;
        if (binding.Placement == Placement.ListEntry) settings = new TreeBuilder(reader.NameSpan);
        else
        {
            // Sections merge: [Train] and [Optimizer] both write into "train".
            settings = root.Section(binding.Path, reader.NameSpan);
            settings.Span = reader.NameSpan;
        }
        if (binding.Placement == Placement.ModelKind)
            settings.Set(KindUnionType.DiscriminatorKey, reader.NameSpan, new ScalarNode(binding.Record.Tag, false, reader.NameSpan));
        foreach (var (property, value, span) in reader.Named())
        {
            var field = binding.Record.Fields.FirstOrDefault(f => f.Parameter == property);
            // The old spelling goes into the tree as written; the binder reads it as the new key with DSL0060.
            var former = field is null ? binding.Record.Fields.FirstOrDefault(f => AttributeCatalog.FormerProperty(f) == property) : null;
            settings.Set(field?.Key ?? former?.FormerKey ?? property, span, value);
        }
        if (binding.Placement == Placement.ListEntry)
        {
            var parent = root.Section(binding.Path.Take(binding.Path.Length - 1), reader.NameSpan);
            parent.Append(binding.Path[binding.Path.Length - 1], reader.NameSpan, Entry(binding.Record.Tag, reader.NameSpan, settings.Build()));
        }
    }

    void ReadVariant(IAttributeArguments reader)
    {
        if (reader.Positional(0) is not ScalarNode name) return;
        var variant = root.Section(["variants", name.Text], name.Span);
        if (reader.Positional(1) is ScalarNode path && reader.Positional(2) is { } value)
            variant.Set(path.Text, path.Span, value);
    }

    void ReadSweep(IAttributeArguments reader)
    {
        if (reader.Positional(0) is not ScalarNode path || reader.Positional(1) is not { } values) return;
        root.Section(["sweep"], reader.NameSpan).Set(path.Text, path.Span, values);
    }

    static MappingNode Entry(string tag, SourceSpan span, DeclarationNode body) =>
        new(new EquatableArray<MappingEntry>([new MappingEntry(tag, span, body)]), span);
}
