using DslRunner.Native;
using static TorchSharp.torch;

namespace DslRunner.Losses;

/// <summary>The value of a loss and of each of its terms for one batch.</summary>
/// <param name="Total">Scalar tensor to back-propagate.</param>
/// <param name="Terms">Each term's tensor, by name, in declaration order.</param>
public sealed record LossValue(Tensor Total, IReadOnlyList<(string Name, Tensor Value)> Terms);

/// <summary>The training loss: the sum of its terms, each also reported on its own.</summary>
public sealed class CompositeLoss
{
    public CompositeLoss(IReadOnlyList<LossTerm> terms)
    {
        if (terms.Count == 0) throw new ArgumentException("a loss needs at least one term", nameof(terms));
        Terms = terms;
    }

    public IReadOnlyList<LossTerm> Terms { get; }

    public LossValue Compute(LossInputs inputs)
    {
        var values = Terms.Select(t => (t.Name, t.Compute(inputs))).ToList();
        var total = values[0].Item2;
        for (int i = 1; i < values.Count; i++) total = total.Plus(values[i].Item2);
        return new LossValue(total, values);
    }
}
