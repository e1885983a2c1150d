using DslRunner.Config;
using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Tests.Decoding;

/// <summary>
/// A toy language model whose next-token distribution depends only on the last token: row t of the table is
/// the distribution after t. Logits are the log of the table (tiny entries stand for "never").
/// </summary>
internal sealed class TableLanguageModel : LanguageModel
{
    const double Never = 1e-7;
    readonly Tensor logTable; // (V, V)

    public TableLanguageModel(double[][] table, int context = 64)
        : base(nameof(TableLanguageModel), table.Length, context, OutputHead.Dot)
    {
        logTable = tensor(table.SelectMany(row => row.Select(p => (float)Math.Log(Math.Max(p, Never)))).ToArray(), [table.Length, table.Length]);
        RegisterComponents();
    }

    /// <summary>A table from sparse rows: for each token, its likely successors and their probabilities.</summary>
    public static TableLanguageModel FromRows(int vocabulary, params (int Token, (int Next, double P)[] Successors)[] rows)
    {
        var table = Enumerable.Range(0, vocabulary).Select(_ => new double[vocabulary]).ToArray();
        foreach (var (token, successors) in rows)
            foreach (var (next, p) in successors) table[token][next] = p;
        return new TableLanguageModel(table);
    }

    public override Tensor TokenVectors => logTable;

    public override Tensor? OutputVectors => null;

    public override Tensor forward(Tensor tokens) => logTable.index_select(0, tokens.flatten()).view(tokens.shape[0], tokens.shape[1], -1);

    protected override void Dispose(bool disposing)
    {
        if (disposing) logTable.Dispose();
        base.Dispose(disposing);
    }
}
