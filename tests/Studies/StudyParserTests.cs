using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Studies;

namespace DslRunner.Tests.Studies;

/// <summary>
/// A study is parsed before it is bound: the parser reads and shape-checks the file against the study schema without
/// the project's experiments or measures, and leaves what needs them (an unknown experiment, measure or arm) to the builder.
/// </summary>
public sealed class StudyParserTests
{
    const string Study = """
        study: parsed
        seeds: [1, 2]
        arms:
          a: { experiment: no-such-experiment, set: { train.steps: 3 } }
          d: { decodes: a }
        measures: [no_such_measure]
        controls:
          c: { check: "loss[a] < 9" }
        claims:
          lower: { check: "loss[b] - loss[a] > 0.1", kind: mechanism, source: 001, needs: [c, nothing] }
        budgets:
          full: { seeds: [1, 2, 3], set: { train.steps: 30 }, runtime: a minute }
        plots:
          p: { x: loss, y: no_such_measure }
        """;

    static (StudyDeclaration? Declaration, List<DiagnosticInfo> Diagnostics) Parse(string text)
    {
        var document = StudyFrontEnd.Read("/study/parsed.study.yaml", text);
        var diagnostics = new List<DiagnosticInfo>();
        var declaration = StudyParser.Parse(document.Root, diagnostics, []);
        return (declaration, diagnostics);
    }

    [Fact]
    public void The_parser_reads_every_section_without_the_project()
    {
        var (study, diagnostics) = Parse(Study);

        Assert.Empty(diagnostics);
        Assert.NotNull(study);
        Assert.Equal(("parsed", "Parsed"), (study.Name, study.ClassName));
        Assert.Equal([1, 2], study.Seeds);
        Assert.Equal(["a", "d"], study.ArmOrder);
        Assert.Equal("no-such-experiment", Assert.Single(study.Arms).Experiment);
        Assert.Equal("d", Assert.Single(study.DecodingArms).Entry.Key);
        Assert.Equal("no_such_measure", Assert.Single(study.Measures).Text);
        var claim = Assert.Single(study.Claims);
        Assert.Equal(("mechanism", "001", 2), (claim.Kind, claim.Reference, claim.Needs.Count));
        Assert.Equal(("difference", ">", 0.1), (claim.Check!.Term.Kind, claim.Check.Operator, claim.Check.Line));
        Assert.Equal(["train.steps=30"], Assert.Single(study.Budgets).Spec.Overrides);
        Assert.Equal("no_such_measure", Assert.Single(study.Plots).Y!.Text);
    }

    [Fact]
    public void The_parser_reports_what_the_file_alone_shows_wrong()
    {
        var (_, diagnostics) = Parse(Study
            .Replace("kind: mechanism", "kind: hunch", StringComparison.Ordinal)
            .Replace("seeds: [1, 2]", "seeds: [1, two]", StringComparison.Ordinal)
            .Replace("set: { train.steps: 3 }", "sett: { train.steps: 3 }", StringComparison.Ordinal));

        Assert.Equal(
            [DiagnosticCatalog.WrongType.Id, DiagnosticCatalog.UnknownKey.Id, DiagnosticCatalog.UnknownChoice.Id],
            diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void A_control_with_needs_is_refused_as_an_unknown_key()
    {
        var (study, diagnostics) = Parse(Study.Replace("c: { check: \"loss[a] < 9\" }", "c: { check: \"loss[a] < 9\", needs: [x] }", StringComparison.Ordinal));

        Assert.Equal(DiagnosticCatalog.UnknownKey.Id, Assert.Single(diagnostics).Id);
        Assert.Empty(Assert.Single(study!.Controls).Needs);
    }
}
