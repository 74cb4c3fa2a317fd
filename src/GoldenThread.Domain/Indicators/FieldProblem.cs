namespace GoldenThread.Domain.Indicators;

/// <summary>One thing wrong with a figure: the field it is in (the contract's column name) and what, in words.</summary>
public readonly record struct FieldProblem(string Field, string Message);
