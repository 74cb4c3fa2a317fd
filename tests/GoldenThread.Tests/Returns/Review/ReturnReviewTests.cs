using GoldenThread.Audit;
using GoldenThread.Domain.Returns;
using GoldenThread.History;
using GoldenThread.Returns.Review;
using GoldenThread.Storage;
using GoldenThread.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GoldenThread.Tests.Returns.Review;

/// <summary>Quality assurance, queries, sign-off and reopening of returns, on both databases.</summary>
public sealed class ReturnReviewTests
{
    [Theory, BothDatabases]
    public async Task Accept_SubmittedReturn_IsQualityAssured_WithItsStepAndAuditEntry(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.Submitted);

        var outcome = await h.RunAsync(h.Officer, (review, request) => review.AcceptAsync(r.Id, request, CancellationToken.None));

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)));
        await using var db = h.Database.Open();
        var stored = await db.Returns.SingleAsync(x => x.Id == r.Id);
        Assert.Equal(ReturnState.QualityAssured, stored.State);
        Assert.Equal(h.Officer.Id, stored.QualityAssuredById);
        Assert.Equal(h.Clock.GetUtcNow(), stored.QualityAssuredAt);
        var step = await db.ReturnReviewSteps.SingleAsync(s => s.ReturnId == r.Id);
        Assert.Equal(ReviewAction.Accept, step.Action);
        Assert.Equal(h.Officer.Id, step.PersonId);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ReturnAccepted);
        Assert.Equal(h.Officer.Id, entry.ActorId);
        Assert.Equal(h.Lead.Id, entry.SubjectId);
        Assert.Contains("from submitted to quality-assured", entry.Detail, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Accept_ReturnStillInProgress_IsRefused_AndNothingIsWritten(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.InProgress);

        var outcome = await h.RunAsync(h.Admin, (review, request) => review.AcceptAsync(r.Id, request, CancellationToken.None));

        Assert.Equal("Only a submitted return can be accepted; this one is in progress.", Assert.Single(outcome.Errors).Message);
        await using var db = h.Database.Open();
        Assert.Equal(ReturnState.InProgress, (await db.Returns.SingleAsync(x => x.Id == r.Id)).State);
        Assert.Empty(await db.ReturnReviewSteps.ToListAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ReturnAccepted));
    }

    [Theory, BothDatabases]
    public async Task Query_QualityAssuredReturn_GoesBackToThePartner_CountedAndKeptInTheHistory(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.QualityAssured);

        var outcome = await h.RunAsync(h.Officer, (review, request) => review.QueryAsync(r.Id, "  Why did burglaries halve?  ", request, CancellationToken.None));

        Assert.True(outcome.Succeeded);
        await using var db = h.Database.Open();
        var stored = await db.Returns.SingleAsync(x => x.Id == r.Id);
        Assert.Equal(ReturnState.Queried, stored.State);
        Assert.Equal("Why did burglaries halve?", stored.Query);
        Assert.Equal(1, stored.QueryCount);
        var step = await db.ReturnReviewSteps.SingleAsync(s => s.ReturnId == r.Id);
        Assert.Equal((ReviewAction.Query, "Why did burglaries halve?"), (step.Action, step.Text));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ReturnQueried));
    }

    [Theory, BothDatabases]
    public async Task Query_Again_KeepsThePartnersEarlierAnswerWithTheStep(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.Submitted, queryCount: 1);
        await using (var db = h.Database.Open(tracking: true))
        {
            var stored = await db.Returns.SingleAsync(x => x.Id == r.Id);
            stored.Query = "First question";
            stored.QueryAnswer = "First answer";
            await db.SaveChangesAsync();
        }

        var outcome = await h.RunAsync(h.Officer, (review, request) => review.QueryAsync(r.Id, "Second question", request, CancellationToken.None));

        Assert.True(outcome.Succeeded);
        await using var after = h.Database.Open();
        var again = await after.Returns.SingleAsync(x => x.Id == r.Id);
        Assert.Equal((2, "Second question", (string?)null), (again.QueryCount, again.Query, again.QueryAnswer));
        Assert.Equal("First answer", (await after.ReturnReviewSteps.SingleAsync()).Answer);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Query_WithoutText_IsRefusedAgainstTheQueryField(string text)
    {
        await using var h = await ReviewHarness.CreateAsync(DatabaseProvider.Sqlite);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.Submitted);

        var outcome = await h.RunAsync(h.Officer, (review, request) => review.QueryAsync(r.Id, text, request, CancellationToken.None));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(("query", "Enter the query for the partner to answer"), (error.Field, error.Message));
    }

    [Theory]
    [InlineData(ReturnState.NotStarted)]
    [InlineData(ReturnState.Queried)]
    [InlineData(ReturnState.SignedOff)]
    public async Task Query_FromAStateNotWithTheCentralTeam_IsRefused(ReturnState state)
    {
        await using var h = await ReviewHarness.CreateAsync(DatabaseProvider.Sqlite);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: state);

        var outcome = await h.RunAsync(h.Officer, (review, request) => review.QueryAsync(r.Id, "Why?", request, CancellationToken.None));

        Assert.Equal(ReviewRules.WhyNot(ReviewAction.Query, state), Assert.Single(outcome.Errors).Message);
    }

    [Theory, BothDatabases]
    public async Task SignOff_QualityAssuredReturn_MarksEveryValuesRowFinal_AndRecordsEach(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        var area = await h.Data.CreateAreaAsync();
        var quarterly = await h.Data.CreateIndicatorAsync(leadOrganisation: h.Council);
        var annual = await h.Data.CreateIndicatorAsync(frequency: Domain.Indicators.Frequency.Annual, leadOrganisation: h.Council);
        var other = await h.Data.CreateIndicatorAsync(leadOrganisation: h.Council);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.QualityAssured);
        await h.Data.CreateReturnLineAsync(r, quarterly, area, actual: 12, projectedOutturn: 40);
        await h.Data.CreateReturnLineAsync(r, annual, area, "2009-10", actualDue: false, projectedOutturn: 300);
        await h.Data.CreateValueAsync(quarterly, area, ReviewHarness.Quarter, actual: 12, projectedOutturn: 40);
        await h.Data.CreateValueAsync(annual, area, "2009-10", projectedOutturn: 300);
        await h.Data.CreateValueAsync(other, area, ReviewHarness.Quarter, actual: 5);

        var outcome = await h.RunAsync(h.Officer, (review, request) => review.SignOffAsync(r.Id, request, CancellationToken.None));

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)));
        Assert.Contains("its 2 figures are final", outcome.Done, StringComparison.Ordinal);
        await using var db = h.Database.Open();
        var values = await db.Values.ToListAsync();
        Assert.All(values.Where(v => v.IndicatorId != other.Id), v => Assert.Equal((h.Clock.GetUtcNow(), (int?)h.Officer.Id), (v.SignedOffAt!.Value, v.SignedOffById)));
        Assert.False(values.Single(v => v.IndicatorId == other.Id).IsFinal);
        var records = await db.FigureRecords.Where(x => x.Field == RecordedFields.SignedOff).ToListAsync();
        Assert.Equal(2, records.Count);
        Assert.All(records, x =>
        {
            Assert.Null(x.OldValue);
            Assert.Equal(ReturnReview.SignedOffWord, x.NewValue);
            Assert.Equal(r.Id, x.ReturnId);
            Assert.Equal(h.Officer.Id, x.PersonId);
            Assert.Equal(FigureSources.Web, x.Source);
        });
        Assert.Equal(["2009-10", ReviewHarness.Quarter], records.Select(x => x.Period).Order(StringComparer.Ordinal));
        var stored = await db.Returns.SingleAsync(x => x.Id == r.Id);
        Assert.Equal((ReturnState.SignedOff, (int?)h.Officer.Id), (stored.State, stored.SignedOffById));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ReturnSignedOff));
    }

    [Theory, BothDatabases]
    public async Task SignOff_ByTheOfficerWhoSubmittedIt_IsRefused_FourEyes(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        var area = await h.Data.CreateAreaAsync();
        var indicator = await h.Data.CreateIndicatorAsync(leadOrganisation: h.Council);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.QualityAssured, submittedBy: h.Officer);
        await h.Data.CreateReturnLineAsync(r, indicator, area, actual: 1, projectedOutturn: 1);
        await h.Data.CreateValueAsync(indicator, area, ReviewHarness.Quarter, actual: 1, projectedOutturn: 1);

        var refused = await h.RunAsync(h.Officer, (review, request) => review.SignOffAsync(r.Id, request, CancellationToken.None));

        Assert.Equal("You submitted this return, so someone else must sign it off: every final figure is checked by a second person", Assert.Single(refused.Errors).Message);
        await using (var db = h.Database.Open())
        {
            Assert.Equal(ReturnState.QualityAssured, (await db.Returns.SingleAsync(x => x.Id == r.Id)).State);
            Assert.False((await db.Values.SingleAsync()).IsFinal);
            Assert.Empty(await db.FigureRecords.ToListAsync());
        }

        var signed = await h.RunAsync(h.Admin, (review, request) => review.SignOffAsync(r.Id, request, CancellationToken.None));
        Assert.True(signed.Succeeded);
    }

    [Fact]
    public async Task SignOff_ByTheAssignee_IsRefused()
    {
        await using var h = await ReviewHarness.CreateAsync(DatabaseProvider.Sqlite);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Officer, state: ReturnState.QualityAssured, submittedBy: h.Admin);

        var refused = await h.RunAsync(h.Officer, (review, request) => review.SignOffAsync(r.Id, request, CancellationToken.None));

        Assert.StartsWith("This return is yours, so someone else must sign it off", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOff_FromSubmitted_IsRefused_QualityAssuranceFirst()
    {
        await using var h = await ReviewHarness.CreateAsync(DatabaseProvider.Sqlite);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.Submitted);

        var refused = await h.RunAsync(h.Admin, (review, request) => review.SignOffAsync(r.Id, request, CancellationToken.None));

        Assert.Equal("Only a quality-assured return can be signed off; this one is submitted.", Assert.Single(refused.Errors).Message);
    }

    [Theory, BothDatabases]
    public async Task Accept_ByAnOfficerOfAnotherOrganisation_IsRefused(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.Submitted);

        var refused = await h.RunAsync(h.PoliceOfficer, (review, request) => review.AcceptAsync(r.Id, request, CancellationToken.None));

        Assert.Equal($"Only an administrator, or a performance officer of {h.Council.Name}, can accept this return", Assert.Single(refused.Errors).Message);
        await using var db = h.Database.Open();
        Assert.Equal(ReturnState.Submitted, (await db.Returns.SingleAsync(x => x.Id == r.Id)).State);
    }

    [Theory, BothDatabases]
    public async Task Reopen_SignedOffReturn_IsInProgressAndAmended_AndItsValuesStayFinalUntilAFigureChanges(DatabaseProvider provider)
    {
        await using var h = await ReviewHarness.CreateAsync(provider);
        var area = await h.Data.CreateAreaAsync();
        var indicator = await h.Data.CreateIndicatorAsync(leadOrganisation: h.Council);
        var r = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.QualityAssured);
        await h.Data.CreateReturnLineAsync(r, indicator, area, actual: 1, projectedOutturn: 1);
        await h.Data.CreateValueAsync(indicator, area, ReviewHarness.Quarter, actual: 1, projectedOutturn: 1);
        Assert.True((await h.RunAsync(h.Officer, (review, request) => review.SignOffAsync(r.Id, request, CancellationToken.None))).Succeeded);

        var outcome = await h.RunAsync(h.Admin, (review, request) => review.ReopenAsync(r.Id, "The police recounted burglaries", request, CancellationToken.None));

        Assert.True(outcome.Succeeded);
        await using var db = h.Database.Open();
        var stored = await db.Returns.SingleAsync(x => x.Id == r.Id);
        Assert.Equal(ReturnState.InProgress, stored.State);
        Assert.True(stored.AmendedAfterSignOff);
        Assert.True((await db.Values.SingleAsync()).IsFinal);
        var step = await db.ReturnReviewSteps.OrderBy(s => s.Id).LastAsync();
        Assert.Equal((ReviewAction.Reopen, "The police recounted burglaries"), (step.Action, step.Text));
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ReturnReopened);
        Assert.Contains("The police recounted burglaries", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopen_WithoutAReason_IsRefused_AndFromQualityAssuredToo()
    {
        await using var h = await ReviewHarness.CreateAsync(DatabaseProvider.Sqlite);
        var signedOff = await h.Data.CreateReturnAsync(ReviewHarness.Quarter, h.Lead, state: ReturnState.SignedOff);
        var assured = await h.Data.CreateReturnAsync("2009-10-Q2", h.Lead, state: ReturnState.QualityAssured);

        var noReason = await h.RunAsync(h.Admin, (review, request) => review.ReopenAsync(signedOff.Id, " ", request, CancellationToken.None));
        var wrongState = await h.RunAsync(h.Admin, (review, request) => review.ReopenAsync(assured.Id, "Because", request, CancellationToken.None));

        Assert.Equal(("reason", "Enter why the return is reopened"), (Assert.Single(noReason.Errors).Field, noReason.Errors[0].Message));
        Assert.Equal("Only a signed-off return can be reopened; this one is quality-assured.", Assert.Single(wrongState.Errors).Message);
    }

    [Fact]
    public async Task AnyStep_OnAReturnThatDoesNotExist_IsRefused()
    {
        await using var h = await ReviewHarness.CreateAsync(DatabaseProvider.Sqlite);

        var outcome = await h.RunAsync(h.Admin, (review, request) => review.AcceptAsync(404, request, CancellationToken.None));

        Assert.Equal("That return does not exist", Assert.Single(outcome.Errors).Message);
    }
}
