using DslRunner.Generator.Attributes;
using DslRunner.Generator.Resolution;
using DslRunner.Generator.Schema;

namespace DslRunner.Tests.Generator;

/// <summary>A [Study] attribute's property names the key of the study schema it spells in PascalCase.</summary>
public sealed class StudyAttributeKeysTests
{
    public static TheoryData<string> Sections => ["study", "arm", "control", "claim", "budget", "plot"];

    static SectionType Section(string name) => name switch
    {
        "study" => StudySchema.Study, "arm" => StudySchema.Arm, "control" => StudySchema.Control,
        "claim" => StudySchema.Claim, "budget" => StudySchema.Budget, _ => StudySchema.Plot,
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_key_of_a_section_is_read_from_its_pascal_case_property(string section)
    {
        var keys = Section(section).Keys.Select(k => k.Key).ToList();

        Assert.Equal(keys, keys.Select(key => StudyAttributeFrontEnd.KeyOf(Section(section), ClassNames.FromName(key)!)));
    }

    [Fact]
    public void A_property_no_key_spells_is_passed_on_for_the_builder_to_report()
    {
        Assert.Equal("colour", StudyAttributeFrontEnd.KeyOf(StudySchema.Study, "Colour"));
    }
}
