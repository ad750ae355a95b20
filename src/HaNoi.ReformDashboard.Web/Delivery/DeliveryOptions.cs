using MailKit.Security;

namespace HaNoi.ReformDashboard.Web.Delivery;

/// <summary>The "Delivery" section: when the monthly briefs go out, through which SMTP server, and to whom.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Off unless configured: a fresh install sends no mail.</summary>
    public bool Enabled { get; set; }

    /// <summary>Cron (minute hour day month weekday): by default the 5th of each month at 07:00, for the month before.</summary>
    public string Schedule { get; set; } = "0 7 5 * *";

    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>Language of the briefs and the mails: vi or en.</summary>
    public string Language { get; set; } = "vi";

    public string From { get; set; } = "cchc@hanoi.gov.vn";

    /// <summary>The dashboard's public address (e.g. https://cchc.hanoi.gov.vn/), for the briefs' links to the dossiers; none when unset.</summary>
    public Uri? DashboardUrl { get; set; }
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Attempts per mail before it is logged as failed, and the wait between them.</summary>
    public int MaxAttempts { get; set; } = 3;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Leaders: each gets the city's brief.</summary>
    public List<string> Leaders { get; set; } = [];

    /// <summary>Department heads by unit code: each gets the brief of that unit.</summary>
    public Dictionary<string, List<string>> DepartmentHeads { get; set; } = [];
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    /// <summary>StartTls by default; None only for a server on the same machine or in a test.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
