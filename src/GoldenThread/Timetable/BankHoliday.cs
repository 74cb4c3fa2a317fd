using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GoldenThread.Timetable;

/// <summary>A day that is not a working day although it falls on a weekday: England and Wales bank holidays, and any the operator adds.</summary>
public sealed class BankHoliday
{
    public const int NameLength = 200;

    public DateOnly Date { get; set; }

    public required string Name { get; set; }
}

/// <summary>The <c>bank_holidays</c> table, keyed by the day.</summary>
public sealed class BankHolidayConfiguration : IEntityTypeConfiguration<BankHoliday>
{
    public void Configure(EntityTypeBuilder<BankHoliday> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("bank_holidays");
        builder.HasKey(h => h.Date);
        builder.Property(h => h.Name).HasMaxLength(BankHoliday.NameLength);
    }
}
