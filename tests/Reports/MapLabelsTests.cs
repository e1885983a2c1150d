using DslRunner.Runs;

namespace DslRunner.Tests.Reports;

/// <summary>The token map's labels: text a font without symbol glyphs draws, and no label drawn over another.</summary>
public sealed class MapLabelsTests
{
    [Theory]
    [InlineData(" the", "·the")]
    [InlineData("\n", "\\n")]
    [InlineData("a\tb", "a\\tb")]
    [InlineData("\u0001", "\\x01")]
    [InlineData("\uFFFD", "<?>")]
    [InlineData("é😀", "é😀")]
    [InlineData("", "<empty>")]
    public void Tokens_are_shown_as_printable_text(string token, string shown) =>
        Assert.Equal(shown, MapLabels.Display(token));

    [Fact]
    public void An_unpaired_surrogate_is_shown_as_undecodable() =>
        Assert.Equal("x<?>y", MapLabels.Display("x" + (char)0xD800 + "y"));

    [Fact]
    public void Labels_whose_boxes_overlap_an_earlier_label_are_left_out()
    {
        // On an 800 × 450 plot spanning 0..100 × 0..100: 'b' sits 0.5 units (4 px) right of 'a', 'c' far away.
        (string, double, double)[] points = [("alpha", 0, 0), ("beta", 0.5, 0), ("c", 50, 50), ("d", 100, 100)];

        Assert.Equal([0, 2, 3], MapLabels.Place(points, 800, 450, max: 10));
        Assert.Equal([0, 2], MapLabels.Place(points, 800, 450, max: 2));
    }
}
