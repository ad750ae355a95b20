using System.Globalization;
using System.Text.RegularExpressions;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Messages;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>What a dossier row is checked against: the unit versions and the procedure catalogue.</summary>
public sealed class DossierCatalogue
{
    internal IReadOnlyDictionary<string, List<StoredUnitVersion>> VersionsByCode { get; init; } = new Dictionary<string, List<StoredUnitVersion>>();
    internal IReadOnlyDictionary<string, Procedure> Procedures { get; init; } = new Dictionary<string, Procedure>();

    public static async Task<DossierCatalogue> LoadAsync(ReformDbContext db, CancellationToken ct = default)
    {
        var versions = await CatalogueUnits.VersionsAsync(db, ct);
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
    public static DossierRecord? Check(string fileName, DossierFile.Row row, DossierCatalogue catalogue, DateTimeOffset now, Action<CellError> add)
    {
        var problems = 0;
        string Cell(string column) => row.Cells[Array.IndexOf(DossierFile.Columns, column)];
        void Add(string column, DataText.Message message)
        {
            problems++;
            add(new CellError(fileName, row.Number, column, message) { Value = Cell(column) });
        }
        string Required(string column)
        {
            var value = Cell(column);
            if (value.Length == 0) Add(column, DataText.Get("TheValueIsMissing"));
            return value;
        }
        DateTimeOffset? Time(string column, bool required)
        {
            var value = required ? Required(column) : Cell(column);
            if (value.Length == 0) return null;
            if (ParseTime(value) is { } time) return time;
            Add(column, DataText.Get("IsNotAnISOTime", value));
            return null;
        }
        int Count(string column)
        {
            var value = Cell(column);
            if (value.Length == 0) return 0;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            Add(column, DataText.Get("IsNotANonNegative", value));
            return 0;
        }
        bool Flag(string column)
        {
            var value = Required(column);
            if (value is "true" or "false") return value == "true";
            if (value.Length > 0) Add(column, DataText.Get("MustBeTrueOrFalse", value));
            return false;
        }
        string OneOf(string column, string[] allowed, DataText.Message name)
        {
            var value = Required(column);
            if (value.Length > 0 && !allowed.Contains(value, StringComparer.Ordinal))
                Add(column, DataText.Get("IsNotA", name.Vi, value, string.Join(", ", allowed), name.En));
            return value;
        }

        if (row.FieldCount != DossierFile.Columns.Length)
            Add("-", DataText.Get("TheRowHasCellsThe", row.FieldCount, DossierFile.Columns.Length));

        var code = Required("dossier_code");
        if (code.Length > MaxCodeLength)
            Add("dossier_code", DataText.Get("TheDossierCodeIsLonger", MaxCodeLength));

        var procedureCode = Required("procedure_code");
        var fieldCode = Required("field_code");
        if (procedureCode.Length > 0)
        {
            if (!catalogue.Procedures.TryGetValue(procedureCode, out var procedure))
                Add("procedure_code", DataText.Get("ProcedureIsNotInThe", procedureCode));
            else if (fieldCode.Length > 0 && fieldCode != procedure.FieldCode)
                Add("field_code", DataText.Get("FieldIsNotTheField", fieldCode, procedureCode, procedure.FieldCode));
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
                Add("unit_code", DataText.Get("UnitIsNotInThe", unitCode));
            else if (receivedAt is { } received)
            {
                var day = DateOnly.FromDateTime(received.ToOffset(Hanoi).DateTime);
                // The one rule of units in force, on the received date.
                if (UnitsInForce.ByCodeOn(versions, unitCode, day) is { } version) unitId = version.UnitId;
                else Add("unit_code", DataText.Get("UnitIsNotInForce2", unitCode, day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }

        if (receivedAt is { } r)
        {
            if (dueAt < r)
                Add("due_at", DataText.Get("TheDueTimeIsBefore", Cell("due_at"), Cell("received_at")));
            if (finishedAt < r)
                Add("finished_at", DataText.Get("TheFinishedTimeIsBefore", Cell("finished_at"), Cell("received_at")));
        }
        if (finishedAt > now)
            Add("finished_at", DataText.Get("TheFinishedTimeIsIn", Cell("finished_at")));
        if (returnedAt < finishedAt)
            Add("returned_at", DataText.Get("TheReturnedTimeIsBefore", Cell("returned_at"), Cell("finished_at")));

        var status = OneOf("status", DossierRecord.Statuses, DataText.Get("Status"));
        var channel = OneOf("channel", DossierRecord.Channels, DataText.Get("Channel"));
        var ended = DossierRecord.EndedStatuses.Contains(status, StringComparer.Ordinal);
        if (ended && finishedAt is null && Cell("finished_at").Length == 0)
            Add("finished_at", DataText.Get("StatusNeedsAFinishedTime", status));
        if (!ended && DossierRecord.Statuses.Contains(status, StringComparer.Ordinal) && Cell("finished_at").Length > 0)
            Add("finished_at", DataText.Get("AnOpenDossierHasNo", status));

        var supplementRequests = Count("supplement_requests");
        var supplementDays = Count("supplement_days");
        var feeRequired = Flag("fee_required");
        var paidOnline = Flag("paid_online");
        if (paidOnline && !feeRequired && Cell("fee_required") == "false")
            Add("paid_online", DataText.Get("PaidOnlineButTheDossier"));
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
