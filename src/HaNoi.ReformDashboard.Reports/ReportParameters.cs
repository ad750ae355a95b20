namespace HaNoi.ReformDashboard.Reports;

/// <summary>A filter the user chose, stated on the cover so a reader knows what the figures cover.</summary>
public sealed record ReportFilter(string Label, string Value);

/// <summary>Who asked for a report and when; what it covers comes from the <c>Scorecard</c> itself.</summary>
public sealed record ReportParameters(string GeneratedBy, DateTimeOffset GeneratedAt)
{
    public const string HanoiPeoplesCommittee = "UBND THÀNH PHỐ HÀ NỘI";

    public string IssuingBody { get; init; } = HanoiPeoplesCommittee;

    /// <summary>The place in the dated line "Hà Nội, ngày … tháng … năm …".</summary>
    public string Place { get; init; } = "Hà Nội";

    /// <summary>Filters beyond plan year, period and scope (which every report states anyway).</summary>
    public IReadOnlyList<ReportFilter> Filters { get; init; } = [];
}
