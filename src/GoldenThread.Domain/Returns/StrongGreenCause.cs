namespace GoldenThread.Domain.Returns;

/// <summary>Why performance is well ahead of target: the causes a strong green exception report chooses from (assessment.md, Exceptions).</summary>
public enum StrongGreenCause
{
    /// <summary>A flaw in target setting.</summary>
    TargetSetting,

    /// <summary>A course of targeted activity.</summary>
    TargetedActivity,

    /// <summary>Front-loading, to balance expected lower performance later in the year.</summary>
    FrontLoading,

    /// <summary>Something else, explained.</summary>
    Other,
}
