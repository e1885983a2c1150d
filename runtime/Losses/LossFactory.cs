using DslRunner.Config;

namespace DslRunner.Losses;

/// <summary>The loss term a config record declares; the generated experiments build the same terms.</summary>
public static class LossFactory
{
    public static LossTerm Build(LossTermConfig config) => config switch
    {
        CrossEntropyConfig => new CrossEntropyLoss(),
        CapacityLossConfig capacity => new CapacityLoss(capacity),
        L1Config l1 => new L1Loss(l1),
        CustomLossConfig custom => throw new ArgumentException(
            $"the loss term {custom.Type} is C# code: it cannot be built from its config alone", nameof(config)),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.GetType().Name, "unknown loss term"),
    };

    public static CompositeLoss Build(IReadOnlyList<LossTermConfig> terms) => new(terms.Select(Build).ToList());
}
