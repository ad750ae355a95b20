using System.Globalization;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>What a dossier row is checked against: the unit versions and the procedure catalogue.</summary>
public sealed class DossierCatalogue
{
    internal sealed record StoredVersion(string UnitKey, int UnitId, string Code, UnitLevel Level, Validity Validity) : IUnitVersion;

    internal IReadOnlyDictionary<string, List<StoredVersion>> VersionsByCode { get; init; } = new Dictionary<string, List<StoredVersion>>();
    internal IReadOnlyDictionary<string, Procedure> Procedures { get; init; } = new Dictionary<string, Procedure>();

    public static async Task<DossierCatalogue> LoadAsync(ReformDbContext db, CancellationToken ct = default)
    {
        var versions = await db.UnitVersions.AsNoTracking()
            .Select(v => new StoredVersion(v.Unit!.Key, v.UnitId, v.Code, v.Level, new Validity(v.ValidFrom, v.ValidTo))).ToListAsync(ct);
        var procedures = await db.Procedures.AsNoTracking().ToListAsync(ct);
        return new DossierCatalogue
        {
            VersionsByCode = versions.GroupBy(v => v.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal),
            Procedures = procedures.ToDictionary(p => p.Code, StringComparer.Ordinal),
        };
    }
}

/// <summary>
/// The checks of one dossier row (docs/dossiers.md, issue 20): each problem named by its row and column, in Vietnamese and
/// English. A row with a problem gives no record.
/// </summary>
public static partial class DossierChecks
{
    private static readonly TimeSpan Hanoi = TimeSpan.FromHours(7);
    private const int MaxCodeLength = 64;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(?<zone>Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex IsoTime();

    /// <param name="add">Told each problem of the row.</param>
    public static DossierRecord? Check(string fileName, DossierFile.Row row, DossierCatalogue catalogue, DateTimeOffset now, Action<SeedError> add)
    {
        var problems = 0;
        string Cell(string column) => row.Cells[Array.IndexOf(DossierFile.Columns, column)];
        void Add(string column, string vi, string en)
        {
            problems++;
            add(new SeedError(fileName, row.Number, column, vi, en) { Value = Cell(column) });
        }
        string Required(string column)
        {
            var value = Cell(column);
            if (value.Length == 0) Add(column, "thiếu giá trị.", "the value is missing.");
            return value;
        }
        DateTimeOffset? Time(string column, bool required)
        {
            var value = required ? Required(column) : Cell(column);
            if (value.Length == 0) return null;
            if (ParseTime(value) is { } time) return time;
            Add(column, $"'{value}' không phải thời điểm ISO 8601 (ví dụ 2022-12-05T09:30:00+07:00; không ghi múi giờ: giờ Hà Nội).",
                $"'{value}' is not an ISO 8601 time (e.g. 2022-12-05T09:30:00+07:00; without an offset: Hanoi time).");
            return null;
        }
        int Count(string column)
        {
            var value = Cell(column);
            if (value.Length == 0) return 0;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            Add(column, $"'{value}' không phải số nguyên không âm.", $"'{value}' is not a non-negative whole number.");
            return 0;
        }
        bool Flag(string column)
        {
            var value = Required(column);
            if (value is "true" or "false") return value == "true";
            if (value.Length > 0) Add(column, $"'{value}' phải là true hoặc false.", $"'{value}' must be true or false.");
            return false;
        }
        string OneOf(string column, string[] allowed, string nameVi, string nameEn)
        {
            var value = Required(column);
            if (value.Length > 0 && !allowed.Contains(value, StringComparer.Ordinal))
                Add(column, $"{nameVi} '{value}' không hợp lệ ({string.Join(", ", allowed)}).", $"'{value}' is not a {nameEn} ({string.Join(", ", allowed)}).");
            return value;
        }

        if (row.FieldCount != DossierFile.Columns.Length)
            Add("-", $"dòng có {row.FieldCount} ô, tiêu đề có {DossierFile.Columns.Length} cột.", $"the row has {row.FieldCount} cells, the header {DossierFile.Columns.Length} columns.");

        var code = Required("dossier_code");
        if (code.Length > MaxCodeLength)
            Add("dossier_code", $"mã hồ sơ dài hơn {MaxCodeLength} ký tự.", $"the dossier code is longer than {MaxCodeLength} characters.");

        var procedureCode = Required("procedure_code");
        var fieldCode = Required("field_code");
        if (procedureCode.Length > 0)
        {
            if (!catalogue.Procedures.TryGetValue(procedureCode, out var procedure))
                Add("procedure_code", $"thủ tục '{procedureCode}' không có trong danh mục thủ tục.", $"procedure '{procedureCode}' is not in the procedure catalogue.");
            else if (fieldCode.Length > 0 && fieldCode != procedure.FieldCode)
                Add("field_code", $"lĩnh vực '{fieldCode}' không phải lĩnh vực của thủ tục {procedureCode} ('{procedure.FieldCode}').",
                    $"field '{fieldCode}' is not the field of procedure {procedureCode} ('{procedure.FieldCode}').");
        }

        var receivedAt = Time("received_at", required: true);
        var dueAt = Time("due_at", required: false);
        var finishedAt = Time("finished_at", required: false);
        var returnedAt = Time("returned_at", required: false);
        var updatedAt = Time("updated_at", required: true);

        var unitCode = Required("unit_code");
        var unitId = 0;
        if (unitCode.Length > 0)
        {
            if (!catalogue.VersionsByCode.TryGetValue(unitCode, out var versions))
                Add("unit_code", $"đơn vị '{unitCode}' không có trong danh mục đơn vị.", $"unit '{unitCode}' is not in the unit catalogue.");
            else if (receivedAt is { } received)
            {
                var day = DateOnly.FromDateTime(received.ToOffset(Hanoi).DateTime);
                // The one rule of units in force, on the received date.
                if (UnitsInForce.ByCodeOn(versions, unitCode, day) is { } version) unitId = version.UnitId;
                else Add("unit_code", $"đơn vị '{unitCode}' không có hiệu lực vào ngày tiếp nhận {day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}.",
                    $"unit '{unitCode}' is not in force on the received date {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
            }
        }

        if (receivedAt is { } r)
        {
            if (dueAt < r)
                Add("due_at", $"hạn trả ({Cell("due_at")}) trước thời điểm tiếp nhận ({Cell("received_at")}).", $"the due time ({Cell("due_at")}) is before the received time ({Cell("received_at")}).");
            if (finishedAt < r)
                Add("finished_at", $"thời điểm kết thúc xử lý ({Cell("finished_at")}) trước thời điểm tiếp nhận ({Cell("received_at")}).",
                    $"the finished time ({Cell("finished_at")}) is before the received time ({Cell("received_at")}).");
        }
        if (finishedAt > now)
            Add("finished_at", $"thời điểm kết thúc xử lý ({Cell("finished_at")}) ở tương lai.", $"the finished time ({Cell("finished_at")}) is in the future.");
        if (returnedAt < finishedAt)
            Add("returned_at", $"thời điểm trả kết quả ({Cell("returned_at")}) trước thời điểm kết thúc xử lý ({Cell("finished_at")}).",
                $"the returned time ({Cell("returned_at")}) is before the finished time ({Cell("finished_at")}).");

        var status = OneOf("status", DossierRecord.Statuses, "trạng thái", "status");
        var channel = OneOf("channel", DossierRecord.Channels, "kênh", "channel");
        var ended = DossierRecord.EndedStatuses.Contains(status, StringComparer.Ordinal);
        if (ended && finishedAt is null && Cell("finished_at").Length == 0)
            Add("finished_at", $"trạng thái '{status}' cần thời điểm kết thúc xử lý.", $"status '{status}' needs a finished time.");
        if (!ended && DossierRecord.Statuses.Contains(status, StringComparer.Ordinal) && Cell("finished_at").Length > 0)
            Add("finished_at", $"hồ sơ đang xử lý ('{status}') không có thời điểm kết thúc xử lý.", $"an open dossier ('{status}') has no finished time.");

        var supplementRequests = Count("supplement_requests");
        var supplementDays = Count("supplement_days");
        var feeRequired = Flag("fee_required");
        var paidOnline = Flag("paid_online");
        if (paidOnline && !feeRequired && Cell("fee_required") == "false")
            Add("paid_online", "thanh toán trực tuyến nhưng hồ sơ không thu phí (fee_required = false).", "paid online but the dossier has no fee (fee_required = false).");
        var digitised = Flag("digitised");
        var eResult = Flag("e_result");
        var reusedData = Flag("reused_data");
        var synced = Flag("synced_national");

        return problems > 0 ? null : new DossierRecord(code, procedureCode, fieldCode, unitId, receivedAt!.Value, dueAt, finishedAt, returnedAt,
            status, channel, supplementRequests, supplementDays, feeRequired, paidOnline, digitised, eResult, reusedData, synced, updatedAt!.Value);
    }

    /// <summary>An ISO 8601 time; without an offset, Hanoi time (Asia/Ho_Chi_Minh, UTC+7 all year).</summary>
    public static DateTimeOffset? ParseTime(string value)
    {
        var match = IsoTime().Match(value);
        if (!match.Success) return null;
        if (match.Groups["zone"].Success)
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withZone) ? withZone : null;
        return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Hanoi) : null;
    }
}
