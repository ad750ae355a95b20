using System.Diagnostics;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Web.Hosting;
using HaNoi.ReformDashboard.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>
/// A dashboard page: reads year, period and level from the URL, loads one scorecard for its scope, and turns a
/// database outage into LoadState's retryable message so the circuit survives. Back/forward change the query,
/// which reloads.
/// </summary>
public abstract class ScorecardPage : ComponentBase
{
    [Inject] protected ScorecardService Scorecards { get; set; } = default!;
    [Inject] protected IDbContextFactory<ReformDbContext> DbFactory { get; set; } = default!;
    /// <summary>Units in force, indicators and their descriptions, read once per data version.</summary>
    [Inject] protected CatalogueService Catalogue { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> Localizer { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<ScorecardPage> Logger { get; set; } = default!;
    /// <summary>Present only while the page is prerendered for the first request, when the status can still be set.</summary>
    [CascadingParameter] private HttpContext? HttpContext { get; set; }
    [Inject] private PrerenderHandoff Handoff { get; set; } = default!;
    [Inject] private Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider Authentication { get; set; } = default!;

    /// <summary>Set while prerendering: where the circuit finds what the prerender loaded.</summary>
    [PersistentState] public string? PrerenderedKey { get; set; }

    [SupplyParameterFromQuery(Name = "year")] public string? YearQuery { get; set; }
    [SupplyParameterFromQuery(Name = "period")] public string? PeriodQuery { get; set; }
    [SupplyParameterFromQuery(Name = "level")] public string? LevelQuery { get; set; }

    protected ViewState? View { get; private set; }
    protected IReadOnlyList<int> PlanYears { get; private set; } = [];
    protected Scorecard? Card { get; private set; }
    protected bool Loading { get; private set; } = true;
    protected string? Error { get; private set; }
    /// <summary>The URL names a unit or indicator that does not exist.</summary>
    protected bool IsNotFound { get; set; }

    private int _load;
    private string? _loadedFor;

    /// <summary>
    /// Query parameters that only choose what the page shows of what it loaded (the heatmap's search): a navigation
    /// that moves only these keeps what is loaded instead of loading it all again.
    /// </summary>
    protected virtual IReadOnlyCollection<string> ShownOnlyParameters => [];

    /// <summary>What a load depends on in an address: its path and its query without the shown-only parameters, in order.</summary>
    public static string LoadAddress(string uri, IReadOnlyCollection<string> shownOnly)
    {
        var address = new Uri(uri);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(address.Query)
            .Where(p => !shownOnly.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}");
        return address.AbsolutePath + "?" + string.Join('&', query);
    }

    protected virtual UnitLevel DefaultLevel => UnitLevel.District;

    /// <summary>What to score for this view; null when the URL names something unknown (the page says so).</summary>
    protected abstract ScorecardScope? ScopeFor(ViewState view);

    /// <summary>True when the scorecard lacks what the URL names (an unknown indicator code).</summary>
    protected virtual bool NamesSomethingUnknown(Scorecard card) => false;

    /// <summary>More data for the page once the scorecard is there (e.g. the revision history).</summary>
    protected virtual Task LoadMoreAsync(ViewState view, Scorecard card) => Task.CompletedTask;

    /// <summary>False for a page that needs a list, not a scorecard (<see cref="LoadListAsync"/> loads it instead).</summary>
    protected virtual bool LoadsScorecard => true;

    /// <summary>What a page without a scorecard loads for a view in its plan year.</summary>
    protected virtual Task LoadListAsync(ViewState view) => Task.CompletedTask;

    /// <summary>What a page loads beyond the scorecard, handed from the prerender to the circuit with it.</summary>
    protected virtual object? More { get => null; set { } }

    private sealed record Loaded(ViewState View, IReadOnlyList<int> PlanYears, Scorecard? Card, bool IsNotFound, object? More);

    protected override async Task OnParametersSetAsync()
    {
        var address = LoadAddress(Navigation.Uri, ShownOnlyParameters);
        if (address == _loadedFor && Error is null) return;
        // The circuit's first render of a prerendered page: take over what the prerender loaded, once.
        if (PrerenderedKey is { } key)
        {
            PrerenderedKey = null;
            if (Handoff.Take<Loaded>(key, Navigation.Uri, await UserKeyAsync()) is { } loaded)
            {
                (View, PlanYears, Card, IsNotFound, More, Loading) = (loaded.View, loaded.PlanYears, loaded.Card, loaded.IsNotFound, loaded.More, false);
                _loadedFor = address;
                return;
            }
        }
        await LoadAsync();
        if (Error is null) _loadedFor = address;
    }

    /// <summary>The signed-in user the prerendered state belongs to.</summary>
    private async Task<string> UserKeyAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        return user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? user.Identity?.Name ?? "";
    }

    protected async Task LoadAsync()
    {
        // A newer navigation may start while this load runs: only the latest one may write the page's state.
        var load = ++_load;
        Loading = true;
        Error = null;
        try
        {
            var started = Stopwatch.GetTimestamp();
            var resolved = await new PlanCalendarQuery(DbFactory).ResolveAsync(YearQuery, PeriodQuery, LevelQuery, DefaultLevel);
            var view = resolved.View;
            var scope = ScopeFor(view);
            Scorecard? card = null;
            if (!LoadsScorecard)
            {
                if (view.PeriodInPlanYear) await LoadListAsync(view);
            }
            else if (scope is not null && view.PeriodInPlanYear)
            {
                card = await Scorecards.GetAsync(new ScorecardRequest(view.Year, view.Period, scope));
                if (card is not null) await LoadMoreAsync(view, card);
            }
            if (load != _load) return;
            (View, PlanYears, Card) = (view, resolved.PlanYears, card);
            IsNotFound = LoadsScorecard && (scope is null || (view.PeriodInPlanYear && card is null) || (card is not null && NamesSomethingUnknown(card)));
            // The friendly page stays; a crawler or a link checker also learns that nothing is there.
            if (IsNotFound && HttpContext is { Response.HasStarted: false } http) http.Response.StatusCode = StatusCodes.Status404NotFound;
            if (!RendererInfo.IsInteractive)
                PrerenderedKey = Handoff.Put(Navigation.Uri, await UserKeyAsync(), new Loaded(view, resolved.PlanYears, card, IsNotFound, More));
            Logger.LogInformation("{Page} {Period} {Scope} loaded in {Elapsed} ms", GetType().Name, view.Period, scope,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("F0"));
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            if (load != _load) return;
            Logger.LogWarning(ex, "Database unavailable while loading {Page}", GetType().Name);
            Error = Localizer["DatabaseUnavailable"];
        }
        finally
        {
            if (load == _load) Loading = false;
        }
    }

    /// <summary>The link to another dashboard page with this view's year, period and level.</summary>
    protected string Href(string path) => View?.Href(path) ?? path;
}
