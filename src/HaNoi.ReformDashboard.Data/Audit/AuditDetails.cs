using System.Globalization;
using System.Text.Json;

namespace HaNoi.ReformDashboard.Data.Audit;

/// <summary>One line of an audit entry's details: a field and its value, or its old and new value.</summary>
public sealed record AuditDetailLine(string Field, string? Old, string? New, bool IsChange);

/// <summary>
/// An audit entry's details (jsonb) as lines a person reads: <c>field: value</c>, nested objects by a dotted path,
/// and an <c>old</c> / <c>new</c> pair as one line per field that changed (<c>threshold: 99 → 98</c>). Text stays
/// text: the page encodes it.
/// </summary>
public static class AuditDetails
{
    public static IReadOnlyList<AuditDetailLine> Lines(string? json, CultureInfo culture)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return [new AuditDetailLine("", null, json, IsChange: false)];
        }
        using (document)
        {
            var lines = new List<AuditDetailLine>();
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                lines.Add(new AuditDetailLine("", null, Scalar(document.RootElement, culture), false));
                return lines;
            }
            var root = document.RootElement;
            var hasOld = root.TryGetProperty("old", out var old);
            var hasNew = root.TryGetProperty("new", out var @new);
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is "old" or "new" && hasOld && hasNew) continue;
                Flatten(property.Name, property.Value, lines, culture);
            }
            if (hasOld && hasNew) Changes(old, @new, lines, culture);
            return lines;
        }
    }

    private static void Changes(JsonElement old, JsonElement @new, List<AuditDetailLine> lines, CultureInfo culture)
    {
        var before = Fields(old, culture);
        var after = Fields(@new, culture);
        foreach (var field in before.Keys.Union(after.Keys))
        {
            var was = before.GetValueOrDefault(field);
            var now = after.GetValueOrDefault(field);
            // A creation (no old) or a removal (no new) lists every field; an update only what differs.
            if (old.ValueKind == JsonValueKind.Object && @new.ValueKind == JsonValueKind.Object && was == now) continue;
            if (string.IsNullOrEmpty(was) && string.IsNullOrEmpty(now)) continue;
            lines.Add(new AuditDetailLine(field, was, now, IsChange: true));
        }
    }

    private static Dictionary<string, string?> Fields(JsonElement element, CultureInfo culture)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object) return fields;
        var lines = new List<AuditDetailLine>();
        foreach (var property in element.EnumerateObject()) Flatten(property.Name, property.Value, lines, culture);
        foreach (var line in lines) fields[line.Field] = line.New;
        return fields;
    }

    private static void Flatten(string path, JsonElement value, List<AuditDetailLine> lines, CultureInfo culture)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject()) Flatten(path + "." + property.Name, property.Value, lines, culture);
            return;
        }
        if (value.ValueKind == JsonValueKind.Null) return;
        lines.Add(new AuditDetailLine(path, null, Scalar(value, culture), IsChange: false));
    }

    private static string Scalar(JsonElement value, CultureInfo culture) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? d.ToString("0.####", culture) : value.GetRawText(),
        JsonValueKind.True => "✓",
        JsonValueKind.False => "✗",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => Scalar(v, culture))),
        _ => value.GetRawText(),
    };
}
