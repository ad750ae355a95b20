using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace HaNoi.ReformDashboard.Web.Components.Pages.Overview;

/// <summary>
/// The unit rows (links only, no handlers) as HTML shared by every circuit showing the same cached scorecard in the
/// same view and language (<see cref="SharedMarkup"/>): a circuit then holds one reference per row instead of the
/// render tree of every cell. Group rows (their toggle is a handler) and a heatmap without the service render live.
/// </summary>
public partial class Heatmap
{
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private ILogger<Heatmap> Logger { get; set; } = default!;

    private IReadOnlyDictionary<string, MarkupString>? _rowHtml;
    private (Scorecard Card, ViewState View)? _rowHtmlFor;

    protected override async Task OnParametersSetAsync()
    {
        if (Services.GetService<SharedMarkup>() is not { } shared) return;
        var (card, view) = (Card, View);
        if (_rowHtmlFor is var (c, v) && ReferenceEquals(c, card) && v == view) return;
        try
        {
            var html = await shared.RenderAsync(card, "heatmap" + view.Query, () => card.Units
                .Where(u => u.Unit.Level == view.Level)
                .Select(u => (u.Unit.Code, RowContent(new HeatmapRow(null, u))))
                .ToList());
            (_rowHtml, _rowHtmlFor) = (html, (card, view));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The rows still render, live: a slower page rather than a broken one.
            Logger.LogWarning(ex, "Shared heatmap rows could not be rendered for {Query}", view.Query);
        }
    }

    /// <summary>A unit's row as the shared HTML of this scorecard and view when there is, else rendered here.</summary>
    private RenderFragment Row(HeatmapRow row) =>
        row.Unit is { } unit && _rowHtmlFor is var (card, view) && ReferenceEquals(card, Card) && view == View
            && _rowHtml!.TryGetValue(unit.Unit.Code, out var html)
            ? builder => builder.AddContent(0, html)
            : RowContent(row);
}
