using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Dossiers;

/// <summary>An administrative procedure (thủ tục hành chính) a dossier is filed under, from procedures.csv.</summary>
public class Procedure
{
    /// <summary>The national portal's procedure code (MaTTHC), e.g. <c>1.001234</c>.</summary>
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    /// <summary>The field (lĩnh vực, MaLinhVuc) the procedure belongs to; a dossier names the same.</summary>
    public required string FieldCode { get; set; }
    public required string FieldVi { get; set; }
    /// <summary><c>province</c>, <c>district</c> or <c>commune</c>: the level of government that resolves it.</summary>
    public required string Level { get; set; }
    /// <summary>The legal time limit in working days, counted when a dossier has no due time.</summary>
    public int LegalDays { get; set; }

    public static readonly string[] Levels = ["province", "district", "commune"];

    internal static void Configure(ModelBuilder model) => model.Entity<Procedure>(e =>
    {
        e.ToTable("procedures", t =>
        {
            t.HasCheckConstraint("ck_procedures_level", "level IN ('province', 'district', 'commune')");
            t.HasCheckConstraint("ck_procedures_legal_days", "legal_days >= 0");
        });
        e.HasKey(p => p.Code);
        e.Property(p => p.Code).HasMaxLength(32);
        e.Property(p => p.FieldCode).HasMaxLength(32);
        e.Property(p => p.Level).HasMaxLength(16);
    });
}
