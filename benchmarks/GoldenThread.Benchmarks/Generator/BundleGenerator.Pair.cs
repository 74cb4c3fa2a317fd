using GoldenThread.Domain.Indicators;

namespace GoldenThread.Benchmarks.Generator;

internal sealed partial class BundleGenerator
{
    /// <summary>
    /// One indicator in one area: a base level in the indicator's unit, annual targets that improve on it by 3% a
    /// year, and quarterly forecasts that sit off target by the pair's own margin, drift a little each quarter and
    /// wobble, so that the scorecard sees every band from red to strong green. Figures come back as fixed-point
    /// numbers at the indicator's decimals, clamped to 0-100 for a percentage and to 0 and up for counts and rates.
    /// </summary>
    private struct Pair
    {
        private readonly Indicator _indicator;
        private readonly long _scale;
        private readonly double _base;
        private readonly double _margin;
        private readonly double _drift;
        private SplitMix64 _random;

        public Pair(Indicator indicator, ulong seed)
        {
            _indicator = indicator;
            _scale = CsvLine.Scale(indicator.Decimals);
            _random = new SplitMix64(seed);
            _base = indicator.Unit switch
            {
                Unit.Percent => _random.Between(20, 80),
                Unit.Number => indicator.Accumulation == Accumulation.Cumulative ? _random.Between(200, 5000) : _random.Between(50, 2000),
                Unit.Rate => _random.Between(1, 100),
                Unit.Days => _random.Between(5, 60),
                Unit.Currency => _random.Between(1_000, 100_000),
                Unit.Score => _random.Between(1.5, 4.5),
                Unit.Ratio => _random.Between(0.5, 1.5),
                _ => _random.Between(-8, 8),
            };
            _margin = _random.Between(-0.14, 0.14);
            _drift = _random.Between(-0.01, 0.01);
        }

        /// <summary>Percent changes move by points around their target; every other unit moves in proportion.</summary>
        private readonly bool Additive => _indicator.Unit == Unit.PercentChange;

        private readonly int Better => _indicator.Polarity switch
        {
            Polarity.Higher => 1,
            Polarity.Lower => -1,
            _ => 0,
        };

        public bool Chance(double probability) => _random.Chance(probability);

        /// <summary>The annual target for the <paramref name="year"/>-th financial year (0 for the first).</summary>
        public readonly long Target(int year) => Fixed(TargetValue(year));

        /// <summary>The outturn of the year before the first quarter.</summary>
        public long PreviousOutturn() =>
            Fixed(Additive ? _base + _random.Between(-1, 1) : _base * (1 + _random.Between(-0.05, 0.05)));

        /// <summary>The actual and projected outturn for the <paramref name="quarter"/>-th quarter (0 for the first).</summary>
        public (long Actual, long Projected) Quarter(int quarter)
        {
            var target = TargetValue(quarter / 4);
            var off = _margin + (_drift * quarter) + _random.Between(-0.03, 0.03);
            var projected = Additive ? target + (6 * off) : target * (1 + off);
            double actual;
            if (_indicator.Accumulation == Accumulation.Cumulative)
            {
                // Year to date: the share of the year gone, give or take.
                actual = projected * ((quarter % 4) + 1) / 4 * (1 + _random.Between(-0.05, 0.05));
            }
            else
            {
                actual = Additive ? projected + _random.Between(-0.5, 0.5) : projected * (1 + _random.Between(-0.03, 0.03));
            }

            return (Fixed(actual), Fixed(projected));
        }

        private readonly double TargetValue(int year) =>
            Additive ? _base + (Better * (year + 1)) : _base * (1 + (Better * 0.03 * (year + 1)));

        private readonly long Fixed(double value)
        {
            var scaled = (long)Math.Round(value * _scale, MidpointRounding.AwayFromZero);
            return _indicator.Unit switch
            {
                Unit.Percent => Math.Clamp(scaled, 0, 100 * _scale),
                Unit.PercentChange => scaled,
                _ => Math.Max(scaled, 0),
            };
        }
    }
}
