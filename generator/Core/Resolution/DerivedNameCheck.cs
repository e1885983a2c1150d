using System.Collections.Generic;
using System.Linq;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Model;

namespace DslRunner.Generator.Resolution;

/// <summary>
/// Variants and sweep points are named after their experiment ("exp.baseline", "exp@lambda=0.1"); such a name
/// must not also be another experiment's or variant's name. Clashes between declared names are reported earlier.
/// </summary>
public static class DerivedNameCheck
{
    public static EquatableArray<DiagnosticInfo> Find(IEnumerable<BoundExperiment> experiments)
    {
        var list = experiments.ToList();
        var declared = list.Where(e => e.Spec is not null).Select(e => e.Spec!.Body.Name);
        var derived = list.SelectMany(e => e.DerivedNames).ToList();
        var everyName = declared.Concat(derived.Select(d => d.Name)).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key);
        var clashing = new HashSet<string>(everyName);
        return derived
            .Where(d => clashing.Contains(d.Name))
            .Select(d => DiagnosticInfo.Create(DiagnosticCatalog.DuplicateExperimentName, d.Span, d.Name, "another experiment or variant"))
            .Distinct()
            .ToEquatableArray();
    }
}
