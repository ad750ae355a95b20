using System.Globalization;
using HaNoi.ReformDashboard.Data.Accounts;
using Microsoft.AspNetCore.DataProtection;

namespace HaNoi.ReformDashboard.Web.Accounts;

/// <summary>
/// What the sign-in page may say about a refused single sign-on. The problem and its argument travel in the query
/// string sealed by Data Protection (and good for minutes only), so the page words only problems the dashboard itself
/// raised, from its own list of resource keys; text anyone else puts in the address is never shown.
/// </summary>
public static class SignInMessages
{
    private const string Purpose = "sign-in-problem";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The problems the sign-in page words (keys of <see cref="AccountText"/>).</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "SsoFailed", "SsoNameTaken", "SsoNoRole", "ProblemUnknownRole", "ProblemUnitRequired", "ProblemUnitOnlyForHeads",
        "ProblemUnknownUnit", "ProblemUnitNotInForce", "ProblemUserExists", "ProblemUserNameEmpty", "ProblemPassword", "ProblemNoSuchUser",
    };

    public static string Seal(IDataProtectionProvider protection, string problem, string? argument) =>
        protection.CreateProtector(Purpose).ToTimeLimitedDataProtector()
            .Protect(problem + "\n" + SignInNames.Normalise(argument), Lifetime);

    /// <summary>The worded problem, or null for anything not sealed here, expired or not on the list.</summary>
    public static string? Open(IDataProtectionProvider protection, string? sealedProblem, CultureInfo culture)
    {
        if (string.IsNullOrEmpty(sealedProblem) || sealedProblem.Length > 2048) return null;
        string text;
        try
        {
            text = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(sealedProblem);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        var parts = text.Split('\n', 2);
        return Known.Contains(parts[0]) ? new AccountChange(false, parts[0], parts.ElementAtOrDefault(1)).Message(culture) : null;
    }
}
