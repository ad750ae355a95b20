using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Data.Files;

/// <summary>One problem in one cell of a data file, told in Vietnamese and in English.</summary>
public sealed record CellError(string File, int Row, string Column, string MessageVi, string MessageEn)
{
    /// <summary>The cell's content as found ("" when the problem is not one cell's).</summary>
    public string Value { get; init; } = "";

    public CellError(string file, int row, string column, Messages.DataText.Message message) : this(file, row, column, message.Vi, message.En) { }

    public static CellError Of(string file, int row, string column, Messages.DataText.Message message) =>
        new(file, row, column, message.Vi, message.En);

    public override string ToString() => Row > 0
        ? Messages.DataText.Get("ErrorInCell", File, Row, Column, MessageVi, MessageEn).Vi
        : Messages.DataText.Get("ErrorInFile", File, MessageVi, MessageEn).Vi;
}

/// <summary>A data file refused (a seed folder, an import, a dossier file), with every problem found in it.</summary>
public sealed class DataFileException(IReadOnlyList<CellError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Take(50)) + (errors.Count > 50 ? $"{Environment.NewLine}… (+{errors.Count - 50})" : ""))
{
    public IReadOnlyList<CellError> Errors { get; } = errors;
}
