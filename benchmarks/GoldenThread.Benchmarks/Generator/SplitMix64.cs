namespace GoldenThread.Benchmarks.Generator;

/// <summary>
/// A small, fast random number generator whose sequence is fixed by its seed on every runtime and machine
/// (System.Random promises that only for its seeded legacy algorithm), so that a seed always gives the same bundle.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A double in [min, max).</summary>
    public double Between(double min, double max) => min + (NextDouble() * (max - min));

    /// <summary>An integer in [0, count).</summary>
    public int NextInt(int count) => (int)(Next() % (ulong)count);

    /// <summary>True with the given probability.</summary>
    public bool Chance(double probability) => NextDouble() < probability;
}
