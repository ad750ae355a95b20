using Microsoft.AspNetCore.Components;

namespace HaNoi.ReformDashboard.Web.Shared;

/// <summary>
/// MudBlazor's classes and icon markup for the Overview's controls drawn as plain elements (issue 11). Each live Mud
/// component keeps, per circuit, its state and two render trees; a button, text field or switch drawn as the elements
/// and classes MudBlazor itself renders looks the same and costs the circuit a few frames. The strings are built once
/// here, so circuits share them.
/// </summary>
public static class MudLook
{
    /// <summary>The classes of a MudButton (Variant, Color and Size in MudBlazor's lower-case names), e.g. outlined, secondary, small.</summary>
    public static string Button(string variant, string color, string size) =>
        $"mud-button-root mud-button mud-button-{variant} mud-button-{variant}-{color} mud-button-{variant}-size-{size} mud-ripple";

    /// <summary>An SVG icon as MudIcon renders it; <paramref name="extraClasses"/> such as "mud-chip-icon".</summary>
    public static MarkupString Icon(string path, string size, string? extraClasses = null) => new(
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{size}{(extraClasses is null ? "" : " " + extraClasses)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{path}</svg>");

    /// <summary>A MudButton's StartIcon: the icon in its span, before the label.</summary>
    public static MarkupString ButtonStartIcon(string path, string size) =>
        new($"<span class=\"mud-button-icon-start mud-button-icon-size-{size}\">{Icon(path, size)}</span>");
}
