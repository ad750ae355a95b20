using System.Globalization;
using System.Resources;

namespace HaNoi.ReformDashboard.Data.Accounts;

/// <summary>Texts of sign-in and account administration: AccountText.resx is Vietnamese, AccountText.en.resx English.
/// The pages read them through IStringLocalizer&lt;AccountText&gt;, the CLI through <see cref="Get"/>.</summary>
public sealed class AccountText
{
    private static readonly ResourceManager Resources = new(typeof(AccountText));

    public static string Get(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;
}
