using System.Collections.Generic;
using System.Linq;

namespace DslRunner.Generator.Measures;

/// <summary>
/// The built-in measures (<c>BuiltIn</c>, generated from the descriptors their components declare): the choices of <c>eval.metrics</c>, the figures a study check may name, the keys a
/// C# metric may not take and the figures the runtime records are all read from here.
/// </summary>
public static partial class MeasureCatalog
{
    public const string Loss = "loss";

    /// <summary>The measures <c>eval.metrics</c> names, in the order the schema lists them.</summary>
    public static IEnumerable<MeasureDescriptor> Listed => BuiltIn.Where(m => m.Listed);

    /// <summary>Every key a built-in measure records.</summary>
    public static IEnumerable<string> Figures => BuiltIn.SelectMany(m => m.AllFigures);

    /// <summary>
    /// The figures every evaluation of the validation split measures when their measure runs (what early stopping may watch):
    /// the unconditional figures of the measures taken at every evaluation.
    /// </summary>
    public static IEnumerable<string> ValidationFigures => BuiltIn.Where(m => m.When == MeasureTime.Evaluation).SelectMany(m => m.Figures);

    /// <summary>The figures an untrained model has (<c>@init</c>): the held-out loss and the eval.metrics figures.</summary>
    public static IEnumerable<string> InitFigures => new[] { Loss }.Concat(Listed.SelectMany(m => m.AllFigures));

    /// <summary>The range of a built-in figure; null for a key no built-in measure records.</summary>
    public static FigureRange? RangeOf(string figure) =>
        BuiltIn.FirstOrDefault(m => m.AllFigures.Contains(figure))?.Range;
}
