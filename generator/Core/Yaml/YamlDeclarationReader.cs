using System.Globalization;
using System.Collections.Generic;
using System.IO;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DslRunner.Generator.Yaml;

/// <summary>
/// Reads a YAML document into a <see cref="DeclarationNode"/> tree with YamlDotNet's event parser, so that
/// every key and value keeps its line and column. Malformed YAML becomes a DSL0001 diagnostic at the parser's
/// position. Type tags (<c>!!python/object</c>, <c>!custom</c>) and anchors/aliases are refused the same way: an
/// experiment is plain data, and an alias chain could expand a small file into billions of nodes downstream.
/// </summary>
public sealed class YamlDeclarationReader
{
    readonly string path;
    readonly bool acceptTypeTags;
    readonly IParser parser;
    readonly List<DiagnosticInfo> diagnostics = new();
    Mark lastMark = Mark.Empty;

    YamlDeclarationReader(string path, string text, bool acceptTypeTags)
    {
        this.path = path;
        this.acceptTypeTags = acceptTypeTags;
        parser = new Parser(new StringReader(text));
    }

    /// <summary>Returns the root node (null when the file is empty or unreadable) and the problems found.</summary>
    /// <param name="acceptTypeTags">Read <c>!type "T"</c> as a C# type: only for a generated experiment's own declaration text
    /// (<see cref="DeclarationText"/>), never for a file or a command line.</param>
    public static (DeclarationNode? Root, EquatableArray<DiagnosticInfo> Diagnostics) Read(string path, string text, bool acceptTypeTags = false)
    {
        var reader = new YamlDeclarationReader(path, text, acceptTypeTags);
        DeclarationNode? root = null;
        try
        {
            root = reader.ReadStream();
        }
        catch (YamlException exception)
        {
            reader.diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticCatalog.InvalidYaml, reader.SpanOf(exception.Start, exception.End), Describe(exception)));
            root = null;
        }
        catch (System.ArgumentOutOfRangeException)
        {
            // YamlDotNet's scanner throws this (without a position) on a \U escape past U+10FFFF or in the surrogate range.
            reader.diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticCatalog.InvalidYaml, reader.SpanOf(reader.lastMark, reader.lastMark),
                "an escape (\\U...) names no Unicode character"));
            root = null;
        }
        catch (System.InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some unterminated flow collections.
            reader.diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticCatalog.InvalidYaml, reader.SpanOf(reader.lastMark, reader.lastMark),
                "the YAML cannot be read past this point (an unclosed '{' or '['?)"));
            root = null;
        }
        return (root, reader.diagnostics.ToEquatableArray());
    }

    DeclarationNode? ReadStream()
    {
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _)) return null;
        parser.Consume<DocumentStart>();
        var root = ReadNode(depth: 0);
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var extra))
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticCatalog.InvalidYaml, SpanOf(extra.Start, extra.End), "an experiment file holds one document, found a second"));
        return root;
    }

    /// <summary>Deeper nesting is no experiment; the limit keeps a hostile file from exhausting the stack.</summary>
    const int MaximumDepth = 32;

    DeclarationNode ReadNode(int depth)
    {
        if (depth > MaximumDepth)
            throw new YamlException(parser.Current!.Start, parser.Current.End, "values are nested more than " + MaximumDepth.ToString(CultureInfo.InvariantCulture) + " levels deep");
        if (parser.Current is { } current) lastMark = current.Start;
        if (parser.TryConsume<AnchorAlias>(out var alias))
            throw new YamlException(alias.Start, alias.End,
                $"aliases (*{alias.Value.Value}) are not allowed in experiment files: write the value out, or use extends or variants");
        if (acceptTypeTags && parser.Current is Scalar { Tag.IsEmpty: false, Anchor.IsEmpty: true } typeName && typeName.Tag.Value == DeclarationText.TypeTag)
        {
            parser.MoveNext();
            return new TypeReferenceNode(typeName.Value, SpanOf(typeName.Start, typeName.End));
        }
        if (parser.Current is NodeEvent { } tagged)
            RefuseTagAndAnchor(tagged);
        if (parser.TryConsume<Scalar>(out var scalar))
            return new ScalarNode(scalar.Value, scalar.Style is not ScalarStyle.Plain, SpanOf(scalar.Start, scalar.End));
        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<DeclarationNode>();
            while (!parser.TryConsume<SequenceEnd>(out var end))
                items.Add(ReadNode(depth + 1));
            return new SequenceNode(items.ToEquatableArray(), SpanOf(sequenceStart.Start, sequenceStart.End));
        }
        var mappingStart = parser.Consume<MappingStart>();
        var entries = new List<MappingEntry>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current!;
            var key = ReadNode(depth + 1);
            var value = ReadNode(depth + 1);
            if (key is ScalarNode keyScalar)
                entries.Add(new MappingEntry(keyScalar.Text, keyScalar.Span, value));
            else
                throw new YamlException(keyStart.Start, keyStart.End, "a key must be a plain name, not a list or mapping");
        }
        return new MappingNode(entries.ToEquatableArray(), SpanOf(mappingStart.Start, mappingStart.End));
    }

    void RefuseTagAndAnchor(NodeEvent node)
    {
        if (!node.Tag.IsEmpty)
            throw new YamlException(node.Start, node.End,
                $"type tags ({node.Tag.Value}) are not allowed in experiment files: values are plain numbers, strings, lists and mappings");
        if (!node.Anchor.IsEmpty)
            throw new YamlException(node.Start, node.End,
                $"anchors (&{node.Anchor.Value}) are not allowed in experiment files: write the value out, or use extends or variants");
    }

    SourceSpan SpanOf(Mark start, Mark end)
    {
        if (end.Index < start.Index) end = start;
        // YamlDotNet's marks are one-based; Mark.Empty (line 0) means "no position": the file's start.
        return new SourceSpan(
            path, (int)start.Index, (int)(end.Index - start.Index),
            System.Math.Max(0, (int)start.Line - 1), System.Math.Max(0, (int)start.Column - 1),
            System.Math.Max(0, (int)end.Line - 1), System.Math.Max(0, (int)end.Column - 1));
    }

    static string Describe(YamlException exception)
    {
        string message = exception.Message;
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the location is already on the diagnostic.
        int marker = message.IndexOf("): ", System.StringComparison.Ordinal);
        if (message.StartsWith("(Line:", System.StringComparison.Ordinal) && marker >= 0)
            message = message.Substring(marker + 3);
        return message;
    }
}
