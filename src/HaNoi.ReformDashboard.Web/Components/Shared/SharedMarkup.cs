using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace HaNoi.ReformDashboard.Web.Components.Shared;

/// <summary>
/// Static parts of a page rendered once to HTML and shared by every circuit that shows the same immutable owner
/// (a cached scorecard) in the same view and language. A circuit keeps the render tree of what it shows; for the
/// heatmap's hundreds of cells that tree, with its strings, was most of an idle circuit's memory (issue 11). As one
/// shared string per row, the circuit holds a reference. Only markup without event handlers may go this way.
/// The HTML lives as long as its owner (a weak table): when the scorecard cache lets the scorecard go, its HTML goes too.
/// </summary>
public sealed class SharedMarkup(IServiceProvider services, ILoggerFactory loggers)
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Lazy<Task<IReadOnlyDictionary<string, MarkupString>>>>> _byOwner = new();

    /// <summary>
    /// The HTML of each fragment, by id, rendered once per <paramref name="owner"/> and <paramref name="key"/> (the view and
    /// anything else the fragments read) in the current culture; concurrent callers share one rendering.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, MarkupString>> RenderAsync(object owner, string key, Func<IEnumerable<(string Id, RenderFragment Fragment)>> fragments)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var perOwner = _byOwner.GetValue(owner, _ => new(StringComparer.Ordinal));
        var fullKey = $"{key}|{culture.Name}|{uiCulture.Name}";
        var entry = perOwner.GetOrAdd(fullKey, _ => new(() => RenderAllAsync(fragments(), culture, uiCulture)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            perOwner.TryRemove(new KeyValuePair<string, Lazy<Task<IReadOnlyDictionary<string, MarkupString>>>>(fullKey, entry));
            throw;
        }
    }

    private async Task<IReadOnlyDictionary<string, MarkupString>> RenderAllAsync(IEnumerable<(string Id, RenderFragment Fragment)> fragments, CultureInfo culture, CultureInfo uiCulture)
    {
        // A renderer of its own, dropped afterwards: a static renderer keeps every root component it rendered.
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            // The renderer's dispatcher may run this on another thread: numbers and texts follow the asking circuit's language.
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            var html = new Dictionary<string, MarkupString>(StringComparer.Ordinal);
            foreach (var (id, fragment) in fragments)
            {
                var output = await renderer.RenderComponentAsync<FragmentHost>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(FragmentHost.Content)] = fragment }));
                html[id] = new MarkupString(output.ToHtmlString());
            }
            return (IReadOnlyDictionary<string, MarkupString>)html;
        });
    }

    private sealed class FragmentHost : IComponent
    {
        private RenderHandle _handle;

        [Parameter] public RenderFragment? Content { get; set; }

        public void Attach(RenderHandle renderHandle) => _handle = renderHandle;

        public Task SetParametersAsync(ParameterView parameters)
        {
            parameters.SetParameterProperties(this);
            _handle.Render(builder => builder.AddContent(0, Content));
            return Task.CompletedTask;
        }
    }
}
