namespace HaNoi.ReformDashboard.Data.Scorecards;

/// <summary>
/// The plan's headline indicators, as city leaders read them first: the Overview's cards and the brief's table.
/// One place, so that when the plan year's catalogue names them this is the only thing to change.
/// </summary>
public static class Headlines
{
    public static IReadOnlyList<string> Codes { get; } = ["PARINDEX_RANK", "SIPAS", "ONTIME", "ONLINE_DOSSIER", "ONLINE_PAYMENT_TX", "DIGITISED_RECORDS"];

    /// <summary>The headline indicators the scorecard has, in headline order.</summary>
    public static IReadOnlyList<IndicatorInfo> Of(Scorecard scorecard) =>
        Codes.Select(code => scorecard.Indicators.FirstOrDefault(i => i.Code == code)).OfType<IndicatorInfo>().ToList();
}
