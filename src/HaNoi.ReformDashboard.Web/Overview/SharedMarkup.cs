using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace HaNoi.ReformDashboard.Web.Overview;

/// <summary>
/// Sections of a page without handlers, rendered once to HTML and shared by every circuit that shows the same
/// immutable owner (a cached scorecard) in the same view and language (issue 11: a circuit keeps the render tree of
/// everything it shows, and a hundred leaders look at the same December). Each is rendered by Blazor's own
/// <see cref="HtmlRenderer"/> in a service scope of its own, so the components stay ordinary Razor. The HTML lives as
/// long as its owner (a weak table): when the scorecard cache lets the scorecard go, its HTML goes too.
/// </summary>
public sealed class SharedMarkup(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Lazy<Task<MarkupString>>>> _byOwner = new();

    /// <summary>
    /// <typeparamref name="TComponent"/> with <paramref name="parameters"/> as HTML, rendered once per owner, key (whatever
    /// else the parameters hold, e.g. the view) and culture; callers at the same time share one rendering, and a failed
    /// one is tried again by the next caller.
    /// </summary>
    public Task<MarkupString> RenderAsync<TComponent>(object owner, string key, IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var perOwner = _byOwner.GetValue(owner, _ => new(StringComparer.Ordinal));
        var fullKey = $"{typeof(TComponent).FullName}|{key}|{culture.Name}|{uiCulture.Name}";
        var entry = perOwner.GetOrAdd(fullKey, _ => new(() => RenderCoreAsync<TComponent>(parameters, culture, uiCulture)));
        var rendering = entry.Value;
        _ = rendering.ContinueWith(_ => perOwner.TryRemove(new KeyValuePair<string, Lazy<Task<MarkupString>>>(fullKey, entry)),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return rendering;
    }

    private async Task<MarkupString> RenderCoreAsync<TComponent>(IReadOnlyDictionary<string, object?> parameters, CultureInfo culture, CultureInfo uiCulture)
        where TComponent : IComponent
    {
        // A scope and a renderer of its own, dropped afterwards: a renderer keeps every root component it rendered.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            // The renderer's dispatcher may run this on another thread: numbers and texts follow the asking circuit's language.
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary()));
            return new MarkupString(output.ToHtmlString());
        });
    }
}
