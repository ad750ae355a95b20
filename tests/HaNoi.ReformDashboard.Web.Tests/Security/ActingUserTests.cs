using System.Security.Claims;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Web.Accounts;

namespace HaNoi.ReformDashboard.Web.Tests.Security;

/// <summary>The scope rules of issue 9, role by role, read from the claims a sign-in puts on the principal (units by key).</summary>
public sealed class ActingUserTests
{
    private static ActingUser Person(string role, string? unit = null)
    {
        var identity = new ClaimsIdentity("test", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, "someone"));
        identity.AddClaim(new Claim(ClaimTypes.Role, role));
        if (unit is not null) identity.AddClaim(new Claim(AccountSetup.UnitKeyClaim, unit));
        return ActingUser.From(new ClaimsPrincipal(identity));
    }

    [Theory]
    [InlineData(Roles.Leader, null, "268", true)]
    [InlineData(Roles.ReformOffice, null, "SNV", true)]
    [InlineData(Roles.DepartmentHead, "268", "268", true)]
    [InlineData(Roles.DepartmentHead, "268", "SNV", false)]
    [InlineData(Roles.DepartmentHead, "268", null, false)]
    [InlineData(Roles.Admin, null, "268", false)]
    public void Revision_detail_is_every_unit_for_leaders_and_the_reform_office_and_ones_own_for_a_department_head(string role, string? own, string? unit, bool expected) =>
        Person(role, own).MaySeeUnitDetail(unit).Should().Be(expected);

    [Theory]
    [InlineData(Roles.DepartmentHead, "268", "268", true)]
    [InlineData(Roles.DepartmentHead, "268", "2680", false)]
    [InlineData(Roles.DepartmentHead, "268", "SNV", false)]
    [InlineData(Roles.ReformOffice, null, "268", false)]
    [InlineData(Roles.Leader, null, "268", false)]
    [InlineData(Roles.Admin, null, "268", false)]
    public void Explanations_are_written_by_the_units_own_head_only(string role, string? own, string unit, bool expected) =>
        Person(role, own).MayWriteExplanation(unit).Should().Be(expected);

    [Fact]
    public void An_anonymous_principal_is_nobody_and_may_nothing()
    {
        var nobody = ActingUser.From(new ClaimsPrincipal(new ClaimsIdentity()));

        nobody.IsSignedIn.Should().BeFalse();
        nobody.MaySeeUnitDetail("268").Should().BeFalse();
        nobody.MayWriteExplanation("268").Should().BeFalse();
    }
}
