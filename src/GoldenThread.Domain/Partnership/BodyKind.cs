namespace GoldenThread.Domain.Partnership;

/// <summary>The kind of board or partnership in the governance chain.</summary>
public enum BodyKind
{
    StrategicBoard,
    ExecutiveBoard,
    ThematicPartnership,
    Lsp,
    Scrutiny,
    Other,
}
