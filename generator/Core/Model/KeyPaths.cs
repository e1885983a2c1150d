using System;
using System.Collections.Generic;
using System.Linq;

namespace DslRunner.Generator.Model;

/// <summary>What a node of a config tree is, as <see cref="KeyPaths"/> flattens it.</summary>
public enum KeyNodeShape
{
    /// <summary>A mapping of keys to values (a section, a model kind, a loss term).</summary>
    Record,

    /// <summary>A list whose items are each of a kind: loss terms, decoders.</summary>
    KindedList,

    /// <summary>A list of plain values, written as <c>[a, b]</c>.</summary>
    List,

    /// <summary>A number, text, choice, flag or null.</summary>
    Scalar,
}

/// <summary>A config tree as one representation holds it (the runtime's JSON, the generator's bound values), for <see cref="KeyPaths"/>.</summary>
public interface IKeyTree<TNode>
{
    KeyNodeShape ShapeOf(TNode node);

    /// <summary>The kind of a record that is one of several kinds, written as its <c>kind</c> key; null for a record of one shape.</summary>
    string? KindOf(TNode record, string path);

    /// <summary>A record's keys and values, its kind left out.</summary>
    IEnumerable<KeyValuePair<string, TNode>> FieldsOf(TNode record);

    IReadOnlyList<TNode> ItemsOf(TNode list);

    /// <summary>The kind of an item of a kinded list, which names it in the path.</summary>
    string ItemKindOf(TNode item);

    /// <summary>A scalar as text.</summary>
    string Text(TNode node);

    /// <summary>An item of a kinded list that is not a record, as text.</summary>
    string ItemText(TNode item);
}

/// <summary>
/// Flattens a config into the DSL's own key paths — <c>model.d_model</c>, <c>model.kind</c>, loss terms and decoders
/// keyed by kind (<c>loss.capacity.weight</c>, a repeated kind as <c>decode.sample[2]</c>), scalar lists as <c>[a, b]</c>,
/// an empty record as <c>{}</c> and an empty list as <c>[]</c> — whatever holds the config: the runtime flattens a
/// run's config for <c>diff</c> and reports, review flattens the generator's bound values, and both read the same keys.
/// </summary>
public static class KeyPaths
{
    /// <summary>Writes each key path under <paramref name="path"/> ("" at the root) with its value as text and the node it came from.</summary>
    public static void Flatten<TNode>(IKeyTree<TNode> tree, TNode node, string path, Action<string, string, TNode> write) =>
        Visit(tree, node, path, write, keyedByKind: false);

    static void Visit<TNode>(IKeyTree<TNode> tree, TNode node, string path, Action<string, string, TNode> write, bool keyedByKind)
    {
        switch (tree.ShapeOf(node))
        {
            case KeyNodeShape.Record:
                if (!keyedByKind && tree.KindOf(node, path) is { } kind) write(Join(path, "kind"), kind, node);
                int fields = 0;
                foreach (var field in tree.FieldsOf(node))
                {
                    fields++;
                    Visit(tree, field.Value, Join(path, field.Key), write, keyedByKind: false);
                }
                if (fields == 0) write(path, "{}", node);
                break;
            case KeyNodeShape.KindedList:
                var items = tree.ItemsOf(node);
                if (items.Count == 0) write(path, "[]", node);
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var item in items)
                {
                    string itemKind = tree.ItemKindOf(item);
                    int count = seen[itemKind] = (seen.TryGetValue(itemKind, out int before) ? before : 0) + 1;
                    string itemPath = Join(path, count == 1 ? itemKind : $"{itemKind}[{count}]");
                    if (tree.ShapeOf(item) == KeyNodeShape.Record) Visit(tree, item, itemPath, write, keyedByKind: true);
                    else write(itemPath, tree.ItemText(item), item);
                }
                break;
            case KeyNodeShape.List:
                write(path, "[" + string.Join(", ", tree.ItemsOf(node).Select(tree.Text)) + "]", node);
                break;
            default:
                write(path, tree.Text(node), node);
                break;
        }
    }

    static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
