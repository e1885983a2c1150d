using DslRunner.Generator.Resolution;

namespace DslRunner.Tests.Generator;

public sealed class ClassNameTests
{
    [Theory]
    [InlineData("quickstart", "Quickstart")]
    [InlineData("capacity-constrained", "CapacityConstrained")]
    [InlineData("my_run v2", "MyRunV2")]
    [InlineData("2024-baseline", "_2024Baseline")]
    [InlineData("class", "Class")]
    [InlineData("诗歌-lstm", "诗歌Lstm")]
    [InlineData("say \"hi\" #1 {x}", "SayHi1X")]
    public void Experiment_names_become_pascal_case_identifiers(string name, string expected) =>
        Assert.Equal(expected, ClassNames.FromName(name));

    [Fact]
    public void A_name_without_letters_or_digits_has_no_class_name() => Assert.Null(ClassNames.FromName("-- ** --"));

    [Theory]
    [InlineData("DslRunner.Experiments", "DslRunner.Experiments")]
    [InlineData("my-lab.2024", "my_lab._2024")]
    [InlineData("", "")]
    public void Build_properties_become_valid_namespaces(string property, string expected) =>
        Assert.Equal(expected, ClassNames.Namespace(property));
}
