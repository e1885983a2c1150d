using DslRunner.Geometry;

namespace DslRunner.Tests.Geometry;

public class DependencyPlotTests
{
    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void WritesAPngImageOfTheCurve()
    {
        var curve = DependencyCurve.FromBuckets(
            [new DistanceBucket(0, 9, 4, 4, 12, 12, 9), new DistanceBucket(10, 19, 4, 1, 12, 5, 18)], threshold: 0.5);
        string folder = Path.Combine(Path.GetTempPath(), "dslrunner-plot-" + Guid.NewGuid().ToString("N"));
        string path = Path.Combine(folder, "dependency.png");
        try
        {
            DependencyPlot.SavePng(curve, path, "recall against distance", analyticLength: 7.5, context: 16);

            byte[] bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 1000);
            Assert.Equal(PngSignature, bytes[..8]);
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
