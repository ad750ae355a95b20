using HaNoi.ReformDashboard.Domain.Catalogue;

namespace HaNoi.ReformDashboard.Domain.Scoring;

/// <summary>
/// How many figures are met, at risk, missed, without data and without a target: the one count behind the pillar
/// summaries of the screens and of every report, the brief's tiles and the leaders' table, so they cannot disagree.
/// </summary>
public readonly record struct StatusCounts(int Met, int AtRisk, int Missed, int NoData, int NoTarget)
{
    /// <summary>The statuses counted; a missing one (an owner without that figure) counts nowhere.</summary>
    public static StatusCounts Of(IEnumerable<Status?> statuses)
    {
        int met = 0, atRisk = 0, missed = 0, noData = 0, noTarget = 0;
        foreach (var status in statuses)
        {
            switch (status)
            {
                case Status.Met: met++; break;
                case Status.AtRisk: atRisk++; break;
                case Status.Missed: missed++; break;
                case Status.NoData: noData++; break;
                case Status.NoTarget: noTarget++; break;
            }
        }
        return new(met, atRisk, missed, noData, noTarget);
    }

    public static StatusCounts Of(IEnumerable<Status> statuses) => Of(statuses.Select(s => (Status?)s));

    public int this[Status status] => status switch
    {
        Status.Met => Met,
        Status.AtRisk => AtRisk,
        Status.Missed => Missed,
        Status.NoData => NoData,
        Status.NoTarget => NoTarget,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Every figure counted, whatever its status.</summary>
    public int Total => Met + AtRisk + Missed + NoData + NoTarget;
}
