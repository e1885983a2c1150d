// libtorch's RNG and thread count are process-wide: tests that seed and train must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
