using DslRunner.Data.Corpora;

namespace DslRunner.Tests.Data;

public class ChinesePoetryCorpusTests
{
    const string TangPoems = """
        [
          { "author": "李白", "paragraphs": ["床前明月光，疑是地上霜。", "举头望明月，低头思故乡。"], "title": "静夜思", "id": "1" },
          { "author": "王之涣", "paragraphs": ["白日依山尽，黄河入海流。"], "title": "登鹳雀楼", "id": "2" }
        ]
        """;

    [Fact]
    public void EachPoemBecomesOneDocumentWithTitleAuthorAndLines()
    {
        using var folder = PackageFixture();
        var corpus = new ChinesePoetryCorpus(folder.Combine("package"), "test");
        Assert.Equal(
        [
            "静夜思\n李白\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。",
            "登鹳雀楼\n王之涣\n白日依山尽，黄河入海流。",
            "浣溪沙\n晏殊\n一曲新词酒一杯。",
            "关雎\n关关雎鸠，在河之洲。",
        ], corpus.Documents.Select(d => d.Text));
    }

    static ScratchFolder PackageFixture()
    {
        var folder = new ScratchFolder();
        folder.Write("package/dist/quantangshi/poet.tang.0.json", TangPoems);
        folder.Write("package/dist/quantangshi/poet.tang.1000.json", TangPoems[..TangPoems.IndexOf("},", StringComparison.Ordinal)] + "}]");
        folder.Write("package/dist/quantangshi/authors.tang.json", """[{ "desc": "biography", "name": "李白" }]""");
        folder.Write("package/dist/quantangshi/error/poet.tang.0.json", """[{ "author": "x", "paragraphs": ["□□"], "title": "error" }]""");
        folder.Write("package/dist/songci/ci.song.0.json", """[{ "author": "晏殊", "paragraphs": ["一曲新词酒一杯。"], "rhythmic": "浣溪沙" }]""");
        folder.Write("package/dist/songci/author.song.json", """[{ "description": "biography", "name": "晏殊" }]""");
        folder.Write("package/dist/shijing/shijing.json", """[{ "title": "关雎", "chapter": "国风", "content": ["关关雎鸠，在河之洲。"] }]""");
        folder.Write("package/dist/yudingquantangshi/json/001.json", """[{ "title": "another edition", "author": "x", "paragraphs": ["skipped"] }]""");
        folder.Write("package/dist/strains/json/poet.song.0.json", """[{ "strains": ["平平仄仄"], "id": "1" }]""");
        folder.Write("package/dist/lunyu/lunyu.json", """[{ "chapter": "学而", "paragraphs": ["prose, skipped"] }]""");
        return folder;
    }
}
