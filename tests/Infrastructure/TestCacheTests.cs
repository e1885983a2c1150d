using DslRunner.Data;

namespace DslRunner.Tests.Infrastructure;

public sealed class TestCacheTests
{
    [Fact]
    public void The_tests_cache_is_their_own_folder_not_the_users()
    {
        string users = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dslrunner");

        Assert.Equal(TestCache.Folder, CachePaths.Root);
        Assert.False(CachePaths.Root.StartsWith(users, StringComparison.Ordinal), CachePaths.Root);
        Assert.Equal(TestCache.Folder, DataOptions.Default.CacheRoot);
    }
}
