using GoldenThread.Domain.Assessment;
using GoldenThread.Domain.Returns;

namespace GoldenThread.Domain.Tests.Returns;

public class ExceptionRulesTests
{
    private static readonly ExceptionFields RedComplete = new(Reason: "Staff shortages", Plans: "Recruit", Timescales: "By March", LeadPartners: "Police", Resources: "Two officers");

    [Theory]
    [InlineData(Status.Red, "exception.reason exception.plans exception.timescales exception.lead_partners exception.resources")]
    [InlineData(Status.Amber, "exception.reason exception.plans exception.timescales exception.lead_partners exception.resources")]
    [InlineData(Status.StrongGreen, "exception.cause")]
    [InlineData(Status.NoData, "exception.assurance")]
    [InlineData(Status.Green, "")]
    [InlineData(Status.DataOnly, "")]
    [InlineData(Status.NoTarget, "")]
    public void FieldsFor_FollowsTheTableInAssessmentMd(Status status, string expected)
    {
        Assert.Equal(expected, string.Join(" ", ExceptionRules.FieldsFor(status)));
    }

    [Fact]
    public void Missing_RedWithEverything_IsComplete()
    {
        Assert.Empty(ExceptionRules.Missing(Status.Red, RedComplete));
        Assert.True(ExceptionRules.IsComplete(Status.Amber, RedComplete));
    }

    [Fact]
    public void Missing_RedWithoutPlans_NamesTheField()
    {
        var problem = Assert.Single(ExceptionRules.Missing(Status.Red, RedComplete with { Plans = "  " }));

        Assert.Equal(ExceptionRules.Plans, problem.Field);
        Assert.Contains("Red", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_StrongGreen_NeedsACause_AndForOtherAnExplanation()
    {
        Assert.Equal([ExceptionRules.Cause], ExceptionRules.Missing(Status.StrongGreen, ExceptionFields.None).Select(p => p.Field));
        Assert.Empty(ExceptionRules.Missing(Status.StrongGreen, new ExceptionFields(Cause: StrongGreenCause.FrontLoading)));
        Assert.Equal([ExceptionRules.Explanation], ExceptionRules.Missing(Status.StrongGreen, new ExceptionFields(Cause: StrongGreenCause.Other)).Select(p => p.Field));
        Assert.Empty(ExceptionRules.Missing(Status.StrongGreen, new ExceptionFields(Cause: StrongGreenCause.Other, Explanation: "A one-off grant")));
    }

    [Fact]
    public void Missing_NoData_NeedsAssurance()
    {
        Assert.Equal([ExceptionRules.Assurance], ExceptionRules.Missing(Status.NoData, RedComplete).Select(p => p.Field));
        Assert.Empty(ExceptionRules.Missing(Status.NoData, new ExceptionFields(Assurance: "The delivery plan is on track")));
    }

    [Fact]
    public void TooLong_AnyField_WhateverTheStatus()
    {
        var problem = Assert.Single(ExceptionRules.TooLong(new ExceptionFields(Resources: new string('x', ExceptionRules.TextLength + 1))));

        Assert.Equal(ExceptionRules.Resources, problem.Field);
        Assert.Empty(ExceptionRules.TooLong(new ExceptionFields(Resources: new string('x', ExceptionRules.TextLength))));
    }
}
