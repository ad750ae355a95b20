namespace HaNoi.ReformDashboard.Web.Dossiers;

/// <summary>Configuration section <c>Dossiers:Push</c>: the push API's limits and the scope a token must carry.</summary>
public sealed class DossierPushOptions
{
    public const string Section = "Dossiers:Push";

    /// <summary>The scope an access token from the provider (<c>Oidc:Authority</c>) must carry to push.</summary>
    public string Scope { get; set; } = "dossiers.push";

    /// <summary>When set, a token must name it as its audience (the provider's resource or API identifier for the dashboard).</summary>
    public string? Audience { get; set; }

    /// <summary>A larger body is refused (413) before it is read past this.</summary>
    public long MaxBodyBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Pushes per client per <see cref="Window"/>; past it 429 with Retry-After.</summary>
    public int PermitLimit { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Row problems listed in a 400 answer; the rest are counted.</summary>
    public int MaxErrorsListed { get; set; } = 100;
}
