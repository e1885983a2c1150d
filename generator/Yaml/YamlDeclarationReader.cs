using System.Collections.Generic;
using System.Globalization;
using System.IO;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DslRunner.Generator.Yaml;

/// <summary>
/// Reads a YAML document into a <see cref="DeclarationNode"/> tree with YamlDotNet's event parser, so that
/// every key and value keeps its line and column. Anchors and aliases are resolved; malformed YAML becomes
/// a DSL0001 diagnostic at the parser's position.
/// </summary>
internal sealed class YamlDeclarationReader
{
    readonly string path;
    readonly IParser parser;
    readonly Dictionary<string, (DeclarationNode Node, int Size)> anchors = new();
    int expandedSize;
    readonly List<DiagnosticInfo> diagnostics = new();
    Mark lastMark = Mark.Empty;

    YamlDeclarationReader(string path, string text)
    {
        this.path = path;
        parser = new Parser(new StringReader(text));
    }

    /// <summary>Returns the root node (null when the file is empty or unreadable) and the problems found.</summary>
    public static (DeclarationNode? Root, EquatableArray<DiagnosticInfo> Diagnostics) Read(string path, string text)
    {
        var reader = new YamlDeclarationReader(path, text);
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

    /// <summary>
    /// Values after alias expansion. Aliases share nodes, but comparing two readings of a file walks the
    /// expanded tree, so a few lines of nested aliases ("billion laughs") must not pass.
    /// </summary>
    const int MaximumExpandedSize = 100_000;

    DeclarationNode ReadNode(int depth)
    {
        if (depth > MaximumDepth)
            throw new YamlException(parser.Current!.Start, parser.Current.End, "values are nested more than " + MaximumDepth.ToString(CultureInfo.InvariantCulture) + " levels deep");
        if (parser.Current is { } current) lastMark = current.Start;
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} names no anchor");
            expandedSize += target.Size;
            if (expandedSize > MaximumExpandedSize)
                throw new YamlException(alias.Start, alias.End, "aliases expand to more than " + MaximumExpandedSize.ToString(CultureInfo.InvariantCulture) + " values");
            return target.Node;
        }
        int sizeBefore = expandedSize;
        DeclarationNode node;
        string? anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            node = new ScalarNode(scalar.Value, scalar.Style is not ScalarStyle.Plain, SpanOf(scalar.Start, scalar.End));
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<DeclarationNode>();
            while (!parser.TryConsume<SequenceEnd>(out var end))
                items.Add(ReadNode(depth + 1));
            node = new SequenceNode(items.ToEquatableArray(), SpanOf(sequenceStart.Start, sequenceStart.End));
            anchor = sequenceStart.Anchor.IsEmpty ? null : sequenceStart.Anchor.Value;
        }
        else
        {
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
            node = new MappingNode(entries.ToEquatableArray(), SpanOf(mappingStart.Start, mappingStart.End));
            anchor = mappingStart.Anchor.IsEmpty ? null : mappingStart.Anchor.Value;
        }
        expandedSize++;
        if (anchor is not null) anchors[anchor] = (node, expandedSize - sizeBefore);
        return node;
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
