using DslRunner.Data.Corpora;

namespace DslRunner.Tests.Data;

public class BrownCorpusTests
{
    const string Sample = "\n\n\tThe/at Fulton/np-tl County/nn-tl Grand/jj-tl Jury/nn-tl said/vbd ``/`` no/at evidence/nn ''/'' that/cs any/dti took/vbd place/nn ./.\n\n\n" +
                          "\tThe/at jury/nn ,/, which/wdt had/hvd charge/nn (/( in/in 1962/cd )/) ,/, said/vbd Atlanta's/np$ 3/4/cd ./.\n";

    [Fact]
    public void DropsTagsAndAttachesPunctuation() => Assert.Equal(
        "The Fulton County Grand Jury said \u201Cno evidence\u201D that any took place.\n" +
        "The jury, which had charge (in 1962), said Atlanta's 3/4.",
        BrownCorpus.Untag(Sample));

    [Fact]
    public void ReadsOneDocumentPerSampleFileInThePackageLayout()
    {
        using var folder = new ScratchFolder();
        folder.Write("package/cb02", "\tSecond/ap sample/nn ./.\n");
        folder.Write("package/ca01", Sample);
        folder.Write("package/CONTENTS", "ca01 press\n");
        folder.Write("package/README", "The Brown corpus.\n");
        folder.Write("package/cats.txt", "ca01 news\n");
        folder.Write("package/package.json", "{}");
        var corpus = new BrownCorpus(folder.Combine("package"), "test");

        Assert.Equal(["ca01", "cb02"], corpus.Documents.Select(d => Path.GetFileName(d.Source)));
        Assert.Equal("Second sample.", corpus.Documents[1].Text);
    }
}
