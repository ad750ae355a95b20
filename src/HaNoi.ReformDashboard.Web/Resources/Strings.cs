namespace HaNoi.ReformDashboard.Web.Resources;

/// <summary>Marker for the user-facing texts: Strings.resx is Vietnamese (the working language), Strings.en.resx English.</summary>
public sealed class Strings;
