using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using HaNoi.ReformDashboard.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Assessment;

/// <summary>An evidence file as listed (no content).</summary>
public sealed record EvidenceItem(long Id, string SubCriterionCode, string FileName, string ContentType, long SizeBytes, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>An evidence file to download, with the unit it belongs to (the caller checks who may read it).</summary>
public sealed record EvidenceFile(long Id, string FileName, string ContentType, byte[] Content, string Sha256, int Year, string UnitKey);

/// <summary>
/// Evidence files (tài liệu kiểm chứng) in PostgreSQL (issue 23): PDF, Word (.docx), Excel (.xlsx), PNG or JPEG only,
/// the type found from the content (never the name or the browser's word), read as a stream up to a size limit, stored
/// with their SHA-256. Only the head of the unit uploads or removes, while the unit may write; a removed file stays
/// stored (the council may have read it) but no longer counts.
/// </summary>
public static class EvidenceStore
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;
    public const string UploadAction = "assessment.evidence.upload", RemoveAction = "assessment.evidence.remove";

    public const string Pdf = "application/pdf", Png = "image/png", Jpeg = "image/jpeg",
        Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly Dictionary<string, string> Extensions = new()
    {
        [Pdf] = ".pdf", [Png] = ".png", [Jpeg] = ".jpg", [Docx] = ".docx", [Xlsx] = ".xlsx",
    };

    public static async Task<AssessmentResult> UploadAsync(ReformDbContext db, AssessmentCaller caller, int year, string unitCode, string subCriterionCode,
        string? fileName, Stream content, DateTimeOffset at, long maxBytes = DefaultMaxBytes, CancellationToken ct = default)
    {
        at = at.ToUniversalTime();
        var name = SafeName(fileName);
        var (bytes, tooLarge) = await ReadCappedAsync(content, maxBytes, ct);
        if (tooLarge) return AssessmentResult.Refused("EvidenceTooLarge", maxBytes / (1024 * 1024));
        if (bytes.Length == 0) return AssessmentResult.Refused("EvidenceEmpty");
        var (type, typeProblem) = Sniff(bytes, name);
        if (type is null) return new AssessmentResult(typeProblem);
        name = WithExtension(name, type);
        var sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (scope, problem) = await SelfAssessmentWriter.EditableAsync(db, caller, year, unitCode, at, ct);
        if (scope is null) return new AssessmentResult(problem);
        if (scope.SubCriterion(subCriterionCode) is not { } sub || !scope.SelfScored.Contains(sub))
            return AssessmentResult.Refused("SubCriterionNotFound", subCriterionCode);
        var assessment = await AssessmentScopes.EnsureAssessmentAsync(db, scope, at, ct);
        var subId = await db.AssessmentSubCriteria.Where(s => s.FrameworkId == scope.Framework.Id && s.Code == sub.Code).Select(s => s.Id).SingleAsync(ct);
        var row = new AssessmentEvidence
        {
            UnitAssessmentId = assessment.Id, SubCriterionId = subId, FileName = name, ContentType = type, SizeBytes = bytes.Length, Sha256 = sha, Content = bytes,
            UploadedBy = caller.Name, UploadedAt = at,
        };
        db.AssessmentEvidence.Add(row);
        assessment.UpdatedAt = at;
        await db.SaveChangesAsync(ct);
        AssessmentScopes.Audit(db, caller.Name, UploadAction, "assessment_evidence", row.Id, scope.Unit.UnitId, at,
            new { year, unit = unitCode, subCriterion = sub.Code, file = name, contentType = type, size = bytes.Length, sha256 = sha });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new AssessmentResult(Id: row.Id);
    }

    public static async Task<AssessmentResult> RemoveAsync(ReformDbContext db, AssessmentCaller caller, int year, string unitCode, long evidenceId, DateTimeOffset at,
        CancellationToken ct = default)
    {
        at = at.ToUniversalTime();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (scope, problem) = await SelfAssessmentWriter.EditableAsync(db, caller, year, unitCode, at, ct);
        if (scope is null) return new AssessmentResult(problem);
        var row = await db.AssessmentEvidence.SingleOrDefaultAsync(e => e.Id == evidenceId && e.UnitAssessmentId == scope.Assessment!.Id && e.RemovedAt == null, ct);
        if (row is null) return AssessmentResult.Refused("EvidenceNotFound", evidenceId);
        (row.RemovedBy, row.RemovedAt) = (caller.Name, at);
        AssessmentScopes.Audit(db, caller.Name, RemoveAction, "assessment_evidence", row.Id, scope.Unit.UnitId, at, new { year, unit = unitCode, file = row.FileName, sha256 = row.Sha256 });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new AssessmentResult(Id: row.Id);
    }

    /// <summary>A stored file with its unit's key and year, for the download (which checks the reader's rights); null when there is none.</summary>
    public static async Task<EvidenceFile?> OpenAsync(ReformDbContext db, long id, CancellationToken ct = default) =>
        await (from e in db.AssessmentEvidence
               join a in db.UnitAssessments on e.UnitAssessmentId equals a.Id
               join r in db.AssessmentRounds on a.RoundId equals r.Id
               join u in db.Units on a.UnitId equals u.Id
               where e.Id == id
               select new EvidenceFile(e.Id, e.FileName, e.ContentType, e.Content, e.Sha256, r.Year, u.Key)).SingleOrDefaultAsync(ct);

    /// <summary>Reads at most <paramref name="maxBytes"/> + 1 bytes: a longer stream is refused without being read whole.</summary>
    public static async Task<(byte[] Bytes, bool TooLarge)> ReadCappedAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return ([], true);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), false);
    }

    /// <summary>
    /// The content type from the first bytes: %PDF-, the PNG and JPEG signatures, or a zip holding [Content_Types].xml and
    /// a word/ or xl/ part (only the zip's directory is read, nothing unpacked). Anything else is refused.
    /// </summary>
    public static (string? Type, AssessmentProblem? Problem) Sniff(byte[] bytes, string fileName)
    {
        if (StartsWith(bytes, "%PDF-"u8)) return (Pdf, null);
        if (StartsWith(bytes, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return (Png, null);
        if (StartsWith(bytes, [0xFF, 0xD8, 0xFF])) return (Jpeg, null);
        if (StartsWith(bytes, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return (null, new("EvidenceOldOffice", fileName));
        if (StartsWith(bytes, "PK\x03\x04"u8))
        {
            try
            {
                using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
                var names = zip.Entries.Select(e => e.FullName).ToList();
                if (names.Contains("[Content_Types].xml"))
                {
                    if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return (Docx, null);
                    if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return (Xlsx, null);
                }
            }
            catch (InvalidDataException)
            {
                // Not a readable zip: refused below like any other content.
            }
        }
        return (null, new("EvidenceType", fileName));
    }

    private static bool StartsWith(byte[] bytes, ReadOnlySpan<byte> signature) => bytes.AsSpan().StartsWith(signature);

    /// <summary>The name without any folder, control or path characters, at most 255 characters; "tai-lieu" when nothing is left.</summary>
    public static string SafeName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Normalize(NormalizationForm.FormC);
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\' or ':' or '*' or '?' or '<' or '>' or '|'))]).Trim().Trim('.');
        if (name.Length == 0) name = "tai-lieu";
        return name.Length > AssessmentModel.MaxEvidenceNameLength - 5 ? name[..(AssessmentModel.MaxEvidenceNameLength - 5)] : name;
    }

    /// <summary>The name ends with its type's extension (a PDF called .html is downloaded as .html.pdf).</summary>
    private static string WithExtension(string name, string type)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var expected = Extensions[type];
        return extension == expected || (type == Jpeg && extension == ".jpeg") ? name : name + expected;
    }
}
