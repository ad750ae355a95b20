namespace HaNoi.ReformDashboard.Data.Import;

/// <summary>
/// Stops reading a file at the first thing that makes it unreadable or crosses a limit; the reader turns it into the
/// file's one message, so nothing read before it counts.
/// </summary>
public sealed class UnreadableFileException(string messageVi, string messageEn) : Exception(messageEn)
{
    public string MessageVi { get; } = messageVi;
    public string MessageEn { get; } = messageEn;

    public UnreadableFileException(Messages.DataText.Message message) : this(message.Vi, message.En) { }
}
