using System.Text.Json;
using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Returns;
using GoldenThread.Exceptions;
using GoldenThread.Returns.Review;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Timetable;

namespace GoldenThread.Tests.Returns.Review;

/// <summary>The dashboard's and the command line's list of a quarter's returns: counts, late, what is missing, right first time.</summary>
public sealed class ReturnsOverviewTests
{
    private static readonly DateOnly Deadline = new(2010, 1, 14);

    [Theory, BothDatabases]
    public async Task Read_CountsPerStateAndLate_FromTheDeadlineMilestone(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        await AddDeadlineAsync(h);
        await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.NotStarted);
        await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Officer, state: ReturnState.Queried);
        await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Admin, state: ReturnState.Submitted);
        await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.PoliceOfficer, state: ReturnState.SignedOff);
        await h.Data.CreateReturnAsync("2009-10-Q2", h.Lead, state: ReturnState.InProgress);

        await using var db = h.Database.Open();
        var onDeadline = await ReturnsOverview.ReadAsync(db, ReviewHarness.Quarter, Deadline, CancellationToken.None);
        var dayAfter = await ReturnsOverview.ReadAsync(db, ReviewHarness.Quarter, Deadline.AddDays(1), CancellationToken.None);

        Assert.Equal(4, dayAfter.Count);
        var (byState, late) = ReturnsOverview.Count(dayAfter);
        Assert.Equal([1, 0, 1, 1, 0, 1], byState.Select(s => s.Count));
        Assert.Equal(2, late);
        Assert.Equal([ReturnState.NotStarted, ReturnState.Queried], dayAfter.Where(r => r.Late).Select(r => r.State).Order());
        Assert.Equal(0, ReturnsOverview.Count(onDeadline).Late);
        Assert.All(dayAfter, r => Assert.Equal(Deadline, r.Deadline));
    }

    [Theory, BothDatabases]
    public async Task Read_ReturnWithNoDeadlineInTheTimetable_IsNeverLate(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead);

        await using var db = h.Database.Open();
        var returns = await ReturnsOverview.ReadAsync(db, ReviewHarness.Quarter, new DateOnly(2011, 1, 1), CancellationToken.None);

        Assert.False(Assert.Single(returns).Late);
    }

    [Theory, BothDatabases]
    public async Task Read_Missing_IsEveryFigureDueWithoutAValueAndEveryExceptionFieldLacking_UntilSubmitted(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        var body = await h.Data.CreateBodyAsync();
        var area = await h.Data.CreateAreaAsync();
        var quarterly = await h.Data.CreateIndicatorAsync(body: body);
        var annual = await h.Data.CreateIndicatorAsync(frequency: Domain.Indicators.Frequency.Annual);
        var open = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.InProgress);
        await h.Data.CreateReturnLineAsync(open, quarterly, area, actual: 10);
        await h.Data.CreateReturnLineAsync(open, annual, area, "2009-10", actualDue: false, projectedOutturn: 300);
        var submitted = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Officer, state: ReturnState.Submitted);
        await h.Data.CreateReturnLineAsync(submitted, quarterly, area);
        await using (var write = h.Database.Open(tracking: true))
        {
            write.ExceptionReports.Add(new ExceptionReport { IndicatorId = quarterly.Id, AreaId = area.Id, Period = ReviewHarness.Quarter, Status = Status.Red, Reason = "Staff shortages", Plans = "Recruit", Timescales = " " });
            await write.SaveChangesAsync();
        }

        await using var db = h.Database.Open();
        var returns = await ReturnsOverview.ReadAsync(db, ReviewHarness.Quarter, Deadline, CancellationToken.None);

        var mine = returns.Single(r => r.Id == open.Id);
        Assert.Equal(
            ["projected_outturn", "exception.timescales", "exception.lead_partners", "exception.resources"],
            mine.Missing.Select(m => m.Field));
        Assert.All(mine.Missing, m => Assert.Equal((quarterly.Code, area.Code, ReviewHarness.Quarter), (m.Indicator, m.Area, m.Period)));
        Assert.Equal([body.Code], mine.Bodies.Select(b => b.Code));
        Assert.Equal(2, mine.Lines);
        Assert.Empty(returns.Single(r => r.Id == submitted.Id).Missing);
    }

    [Fact]
    public void IncompleteFields_StrongGreenAndNoData_NeedTheirOwnFields()
    {
        Assert.Equal(["cause"], ReturnsOverview.IncompleteFields(new ExceptionReport { Period = "x", Status = Status.StrongGreen }));
        Assert.Equal(["explanation"], ReturnsOverview.IncompleteFields(new ExceptionReport { Period = "x", Status = Status.StrongGreen, StrongGreenCause = StrongGreenCause.Other }));
        Assert.Empty(ReturnsOverview.IncompleteFields(new ExceptionReport { Period = "x", Status = Status.StrongGreen, StrongGreenCause = StrongGreenCause.FrontLoading }));
        Assert.Equal(["assurance"], ReturnsOverview.IncompleteFields(new ExceptionReport { Period = "x", Status = Status.NoData }));
    }

    [Theory, BothDatabases]
    public async Task RightFirstTime_PerQuarterAndOrganisation_CountsOnlySignedOffWithNoQueryOrAmendment(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.SignedOff);
        await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Officer, state: ReturnState.SignedOff, queryCount: 1);
        await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Admin, state: ReturnState.Submitted);
        await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.PoliceOfficer, state: ReturnState.SignedOff, amendedAfterSignOff: true);
        await h.Data.CreateReturnAsync("2009-10-Q2", h.PoliceOfficer, state: ReturnState.SignedOff);

        await using var db = h.Database.Open();
        var rows = await ReturnsOverview.RightFirstTimeAsync(db, CancellationToken.None);

        var expected = new[]
        {
            (ReviewHarness.Quarter, (string?)null, 3, 1, (decimal?)33.3m),
            (ReviewHarness.Quarter, h.Council.Code, 2, 1, 50m),
            (ReviewHarness.Quarter, h.Police.Code, 1, 0, 0m),
            ("2009-10-Q2", null, 1, 1, 100m),
            ("2009-10-Q2", h.Police.Code, 1, 1, 100m),
        };
        Assert.Equal(expected, rows.Select(r => (r.Quarter, r.OrganisationCode, r.Measure.SignedOff, r.Measure.Right, r.Measure.Percent)));
    }

    [Theory, BothDatabases]
    public async Task ReturnsCommand_Json_ListsEveryReturnWithStateLateAssigneeAndMissing(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        await AddDeadlineAsync(h);
        var area = await h.Data.CreateAreaAsync();
        var indicator = await h.Data.CreateIndicatorAsync();
        var late = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.InProgress);
        await h.Data.CreateReturnLineAsync(late, indicator, area, projectedOutturn: 4);
        var orphan = await h.Data.CreateReturnAsync(ReviewHarness.Quarter);

        var result = await CliRunner.RunAsync("--database", h.Database.ConnectionString, "returns", "--period", ReviewHarness.Quarter, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(ReviewHarness.Quarter, root.GetProperty("period").GetString());
        Assert.Equal("2010-01-14", root.GetProperty("deadline").GetString());
        var returns = root.GetProperty("returns").EnumerateArray().ToList();
        Assert.Equal([late.Id, orphan.Id], returns.Select(r => r.GetProperty("id").GetInt32()));
        var first = returns[0];
        Assert.Equal("in_progress", first.GetProperty("state").GetString());
        Assert.True(first.GetProperty("late").GetBoolean(), "the deadline of 14 January 2010 has passed by today's date");
        Assert.Equal(h.Lead.Email, first.GetProperty("assignee").GetProperty("email").GetString());
        Assert.Equal("Lead Person", first.GetProperty("assignee").GetProperty("name").GetString());
        Assert.Equal(h.Council.Code, first.GetProperty("organisation").GetProperty("code").GetString());
        var missing = Assert.Single(first.GetProperty("missing").EnumerateArray().ToList());
        Assert.Equal((indicator.Code, area.Code, ReviewHarness.Quarter, "actual"), (missing.GetProperty("indicator").GetString(), missing.GetProperty("area").GetString(), missing.GetProperty("period").GetString(), missing.GetProperty("field").GetString()));
        Assert.Equal(JsonValueKind.Null, returns[1].GetProperty("assignee").ValueKind);
        Assert.Equal(JsonValueKind.Null, returns[1].GetProperty("organisation").ValueKind);
        Assert.Equal(
            ["id", "state", "late", "assignee", "organisation", "bodies", "lines", "query_count", "amended_after_sign_off", "chased_at", "missing"],
            first.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ReturnsCommand_Table_SaysStateAndLateInWords()
    {
        await using var h = await ReviewHarness.CreateAsync(DatabaseProvider.Sqlite);
        await AddDeadlineAsync(h);
        await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.Queried);

        var result = await CliRunner.RunAsync("--database", h.Database.ConnectionString, "returns", "--period", ReviewHarness.Quarter);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Queried", result.Out, StringComparison.Ordinal);
        Assert.Contains("late", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 returns: 1 queried; 1 late.", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2009-10")]
    [InlineData("2009-10-M04")]
    [InlineData("Q3")]
    public async Task ReturnsCommand_PeriodNotAQuarter_ExitsOneSayingSo(string period)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var result = await CliRunner.RunAsync("--database", database.ConnectionString, "returns", "--period", period);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--period: '{period}' is not a quarter", result.Error, StringComparison.Ordinal);
    }

    private static async Task AddDeadlineAsync(ReviewHarness h)
    {
        await using var db = h.Database.Open(tracking: true);
        db.TimetableMilestones.Add(new TimetableMilestone { Period = ReviewHarness.Quarter, Milestone = Domain.Timetable.Milestone.ReturnDeadline, Date = Deadline });
        await db.SaveChangesAsync();
    }
}
