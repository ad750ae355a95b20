using System.Globalization;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Reports.Pdf;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HaNoi.ReformDashboard.Web.Delivery;

public sealed record DeliveryResult(int Sent, int Failed, int Skipped);

/// <summary>
/// Sends each recipient the brief of the month: department heads their unit's, leaders the city's. A unit without
/// data that month is skipped; a brief already sent for the month is not sent again; a failed send is retried up to
/// <see cref="DeliveryOptions.MaxAttempts"/> times. Every outcome goes to the <see cref="DeliveryLog"/>.
/// </summary>
public sealed class MonthlyDelivery(
    ScorecardService scorecards, IRecipientDirectory directory, DeliveryLog log, IOptionsMonitor<DeliveryOptions> options,
    TimeProvider clock, ILogger<MonthlyDelivery> logger)
{
    /// <summary>The month a run on <paramref name="today"/> reports: the one before it.</summary>
    public static Period MonthBefore(DateOnly today) => Period.Month(today.Year, today.Month).Previous();

    public async Task<DeliveryResult> SendAsync(Period month, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var language = ReportParameters.LanguageFrom(o.Language) ?? FigureFormat.Vietnamese;
        var period = month.ToString();
        int sent = 0, failed = 0, skipped = 0;
        foreach (var recipient in await directory.RecipientsAsync(ct))
        {
            if (await log.WasSentAsync(period, recipient, ct)) continue;
            var scope = recipient.UnitCode is { } code ? ScorecardScope.ForUnit(code) : ScorecardScope.City;
            var source = await ReportSource.LoadAsync(scorecards, new ScorecardRequest(month.Year, month, scope), withPrevious: true, ct);
            if (source is null || !HasData(source.Scorecard))
            {
                await log.AddAsync(period, recipient, DeliveryStatus.Skipped, 0, source is null ? DeliveryLog.UnitNotFound : DeliveryLog.NoData, ct);
                skipped++;
                continue;
            }
            var message = Message(o, recipient, source, language);
            if (await TrySendAsync(o, message, period, recipient, ct)) sent++;
            else failed++;
        }
        return new DeliveryResult(sent, failed, skipped);
    }

    private static bool HasData(Scorecard card) => card.Scope.UnitCode is { } code
        ? card.Unit(code)?.Indicators.Any(i => !i.Figure.IsNone) == true
        : !card.IsEmpty;

    private MimeMessage Message(DeliveryOptions o, Recipient recipient, ReportSource source, CultureInfo language)
    {
        var card = source.Scorecard;
        var parameters = new ReportParameters(o.From, clock.GetLocalNow()) { Language = language };
        using var pdf = new MemoryStream();
        BriefPdf.Write(source, parameters, pdf);
        var unit = recipient.UnitCode is { } code ? card.Unit(code)?.Unit : null;
        var name = unit is null ? null : language.TwoLetterISOLanguageName == "en" ? unit.NameEn : unit.NameVi;
        var period = FigureFormat.Period(card.Period, language);
        var english = language.TwoLetterISOLanguageName == "en";

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(MailboxAddress.Parse(recipient.Email));
        message.Subject = english
            ? $"Administrative reform brief — {name ?? "Hanoi"} — {period}"
            : $"Tóm tắt kết quả CCHC — {name ?? "Thành phố Hà Nội"} — {period}";
        var builder = new BodyBuilder
        {
            TextBody = english
                ? $"Attached is the one-page brief for {period}. The figures are those of the reform dashboard on {parameters.GeneratedAt:yyyy-MM-dd}."
                : $"Kèm theo là bản tóm tắt một trang kỳ {period}. Số liệu lấy từ bảng theo dõi CCHC ngày {parameters.GeneratedAt:dd/MM/yyyy}.",
        };
        builder.Attachments.Add(ReportFileName.For(ReportKind.Brief, card.Period, "pdf", name).Vietnamese, pdf.ToArray(), new ContentType("application", "pdf"));
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
                if (attempt < attempts) await Task.Delay(o.RetryDelay, clock, ct);
            }
        }
        return false;
    }
}
