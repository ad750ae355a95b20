using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Reports.Pdf;
using HaNoi.ReformDashboard.Web.Reports;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using HaNoi.ReformDashboard.Web.Resources;
using HaNoi.ReformDashboard.Data.Messages;

namespace HaNoi.ReformDashboard.Web.Delivery;

public sealed record DeliveryResult(int Sent, int Failed, int Skipped);

/// <summary>
/// Sends each recipient the brief of the month: department heads their unit's, leaders the city's. A unit without
/// data that month is skipped; a brief already sent for the month is not sent again; a failed send is retried up to
/// <see cref="DeliveryOptions.MaxAttempts"/> times. Every outcome goes to the <see cref="DeliveryLog"/>.
/// Each brief is made through the <see cref="ExportQueue"/>, one at a time, so a run of hundreds of briefs shares
/// Exports:Concurrency with users' downloads; it waits its turn however long the line (never refused), and mail is
/// sent outside the slot.
/// </summary>
public sealed class MonthlyDelivery(
    ScorecardService scorecards, ExportQueue queue, IRecipientDirectory directory, DeliveryLog log, IOptionsMonitor<DeliveryOptions> options,
    TimeProvider clock, ILogger<MonthlyDelivery> logger, IDbContextFactory<ReformDbContext>? dossiers = null)
{
    /// <summary>The owner of the delivery's jobs in the export queue.</summary>
    public const string QueueOwner = "monthly-delivery";

    /// <summary>A brief made for a recipient: its source and PDF, or why there is none.</summary>
    private sealed record Brief(ReportSource? Source, byte[]? Pdf, string? Skipped);

    /// <summary>The month a run on <paramref name="today"/> reports: the one before it.</summary>
    public static Period MonthBefore(DateOnly today) => Period.Month(today.Year, today.Month).Previous();

    public async Task<DeliveryResult> SendAsync(Period month, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var language = ReportParameters.LanguageFrom(o.Language) ?? FigureFormat.Vietnamese;
        var period = month.ToString();
        int sent = 0, failed = 0, skipped = 0;
        foreach (var recipient in await directory.RecipientsAsync(month, ct))
        {
            if (await log.WasSentAsync(period, recipient, ct)) continue;
            // A mistyped address in a list or an account fails alone: logged, and the others are still sent.
            if (!IsAddress(recipient.Email))
            {
                logger.LogWarning("Brief for {Period} not sent: {Recipient} is not an e-mail address", period, recipient.Email);
                await log.AddAsync(period, recipient, DeliveryStatus.Failed, 0, DeliveryLog.BadAddress, ct);
                failed++;
                continue;
            }
            var parameters = new ReportParameters(o.From, clock.GetLocalNow()) { Language = language, LinkBase = o.DashboardUrl };
            var brief = await queue.RunInTurnAsync(QueueOwner, token => MakeAsync(recipient, month, parameters, token), ct);
            if (brief is not { Source: { } source, Pdf: { } pdf })
            {
                await log.AddAsync(period, recipient, DeliveryStatus.Skipped, 0, brief.Skipped, ct);
                skipped++;
                continue;
            }
            var message = Message(o, recipient, source, pdf, parameters);
            if (await TrySendAsync(o, message, period, recipient, ct)) sent++;
            else failed++;
        }
        return new DeliveryResult(sent, failed, skipped);
    }

    /// <summary>The recipient's brief, made while the delivery holds a slot of the export queue.</summary>
    private async Task<Brief> MakeAsync(Recipient recipient, Period month, ReportParameters parameters, CancellationToken ct)
    {
        if (recipient.UnitNotInForce) return new(null, null, DeliveryLog.UnitNotFound);
        var scope = recipient.UnitCode is { } code ? ScorecardScope.ForUnit(code) : ScorecardScope.City;
        var source = await ReportSource.LoadAsync(scorecards, new ScorecardRequest(month.Year, month, scope), withPrevious: true, ct);
        if (source is null) return new(null, null, DeliveryLog.UnitNotFound);
        if (!HasData(source.Scorecard)) return new(null, null, DeliveryLog.NoData);
        if (dossiers is not null) source = await source.WithOverdueAsync(dossiers, clock, ct);
        using var pdf = new MemoryStream();
        BriefPdf.Write(source, parameters, pdf);
        return new(source, pdf.ToArray(), null);
    }

    /// <summary>One mailbox, user@domain, that MimeKit reads as it will write it.</summary>
    internal static bool IsAddress(string email) =>
        MailboxAddress.TryParse(ParserOptions.Default, email, out var mailbox)
        && mailbox.Address == email.Trim() && mailbox.Address.IndexOf('@') is > 0 and var at && at < mailbox.Address.Length - 1;

    private static bool HasData(Scorecard card) => card.Scope.UnitCode is { } code
        ? card.Unit(code)?.Indicators.Any(i => !i.Figure.IsNone) == true
        : !card.IsEmpty;

    private static MimeMessage Message(DeliveryOptions o, Recipient recipient, ReportSource source, byte[] pdf, ReportParameters parameters)
    {
        var card = source.Scorecard;
        var language = parameters.Language;
        var unit = recipient.UnitCode is { } code ? card.Unit(code)?.Unit : null;
        var name = unit is null ? null : Domain.Presentation.Wording.IsEnglish(language) ? unit.NameEn : unit.NameVi;
        var period = Wording.Period(card.Period, language);
        var english = Domain.Presentation.Wording.IsEnglish(language);
        var generatedOn = FigureFormat.Date(DateOnly.FromDateTime(parameters.GeneratedAt.DateTime), language);

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(MailboxAddress.Parse(recipient.Email));
        string Pick(DataText.Message text) => english ? text.En : text.Vi;
        var city = WebText.Get("BriefMailCity");
        message.Subject = Pick(WebText.Get("BriefMailSubject", name ?? (english ? city.En : city.Vi), period));
        var builder = new BodyBuilder
        {
            TextBody = Pick(WebText.Get("BriefMailBody", period, generatedOn)),
        };
        builder.Attachments.Add(ReportFileName.For(ReportKind.Brief, card.Period, "pdf", name).Vietnamese, pdf, new ContentType("application", "pdf"));
        message.Body = builder.ToMessageBody();
        return message;
    }

    private async Task<bool> TrySendAsync(DeliveryOptions o, MimeMessage message, string period, Recipient recipient, CancellationToken ct)
    {
        var attempts = Math.Max(1, o.MaxAttempts);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync(o.Smtp.Host, o.Smtp.Port, o.Smtp.Security, ct);
                if (!string.IsNullOrEmpty(o.Smtp.UserName)) await smtp.AuthenticateAsync(o.Smtp.UserName, o.Smtp.Password ?? "", ct);
                await smtp.SendAsync(message, ct);
                await smtp.DisconnectAsync(true, ct);
                await log.AddAsync(period, recipient, DeliveryStatus.Sent, attempt, null, ct);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Brief for {Period} to {Recipient} failed (attempt {Attempt} of {Attempts})", period, recipient.Email, attempt, attempts);
                var detail = ex is SmtpCommandException smtp ? $"SMTP {(int)smtp.StatusCode} {smtp.Message}".Trim() : $"{ex.GetType().Name}: {ex.Message}";
                await log.AddAsync(period, recipient, DeliveryStatus.Failed, attempt, detail, ct);
                // The server refused the mailbox itself (5xx at RCPT TO): asking again would be refused again.
                if (ex is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted, StatusCode: var code } && (int)code >= 500) break;
                if (attempt < attempts) await Task.Delay(o.RetryDelay, clock, ct);
            }
        }
        return false;
    }
}
