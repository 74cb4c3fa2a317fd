using CsCheck;

namespace GoldenThread.Tests.Fuzzing;

/// <summary>
/// Byte-level damage to a good input, as a fuzzer makes it: bits flipped, bytes inserted (often the characters a format
/// gives meaning to), ranges deleted or repeated, the end cut off.
/// </summary>
internal static class Mutations
{
    /// <summary>One change at a position (a fraction of the length, so it fits any input) with a byte and a length.</summary>
    public sealed record Mutation(int Kind, double At, byte Value, int Length)
    {
        public override string ToString() => $"{Kind}@{At:0.000}:{Value}x{Length}";
    }

    /// <summary>Up to <paramref name="most"/> mutations; the bytes inserted favour <paramref name="special"/>.</summary>
    public static Gen<Mutation[]> Of(string special, int most = 6)
    {
        var specialBytes = special.Select(c => (byte)c).ToArray();
        var value = Gen.Frequency((2, (IGen<byte>)Gen.OneOf(specialBytes)), (1, Gen.Byte));
        return Gen.Select(Gen.Int[0, 4], Gen.Double[0, 1], value, Gen.Int[1, 16], (kind, at, b, length) => new Mutation(kind, at, b, length)).Array[1, most];
    }

    public static byte[] Apply(byte[] input, Mutation[] mutations)
    {
        var bytes = new List<byte>(input);
        foreach (var m in mutations)
        {
            var at = Math.Min((int)(m.At * bytes.Count), Math.Max(bytes.Count - 1, 0));
            switch (m.Kind)
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << (m.Value % 8));
                    break;
                case 1:
                    bytes.InsertRange(at, Enumerable.Repeat(m.Value, Math.Min(m.Length, 3)));
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(m.Length, bytes.Count - at));
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4 when bytes.Count > 0:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(m.Length * 4, bytes.Count - at)));
                    break;
            }
        }

        return [.. bytes];
    }
}
