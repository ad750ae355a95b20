using System.Runtime.InteropServices;

namespace HaNoi.ReformDashboard.Reports.Pdf.Fonts;

/// <summary>
/// Cuts a TrueType font down to the glyphs of some Unicode ranges with HarfBuzz's subsetter (hb-subset).
/// Why: SkiaSharp's native library is built without HarfBuzz, so Skia's PDF backend has no subsetter and embeds
/// every font program whole (about 0.7 MB per DejaVu face) while still naming it "AAAAAA+…" as if it were a subset.
/// Skia embeds what it is given, so handing it an already small font makes every PDF small. The HarfBuzz library
/// is the one HarfBuzzSharp ships (ScottPlot's dependency), which exports the hb_subset API.
/// </summary>
internal static class FontSubset
{
    private const string HarfBuzz = "libHarfBuzzSharp";

    // hb_subset_flags_t: hinting instructions are for screens at small pixel sizes; a PDF is scaled by its viewer.
    private const uint NoHinting = 0x1;

    /// <summary>The subset font file (TrueType bytes) of <paramref name="path"/> for the given code point ranges.</summary>
    public static byte[] Create(string path, IEnumerable<(int First, int Last)> ranges)
    {
        var blob = hb_blob_create_from_file_or_fail(path);
        if (blob == IntPtr.Zero) throw new FileNotFoundException($"Font {path} cannot be read.", path);
        var face = hb_face_create(blob, 0);
        var input = hb_subset_input_create_or_fail();
        var subset = IntPtr.Zero;
        var data = IntPtr.Zero;
        try
        {
            var unicodes = hb_subset_input_unicode_set(input);
            foreach (var (first, last) in ranges) hb_set_add_range(unicodes, (uint)first, (uint)last);
            hb_subset_input_set_flags(input, NoHinting);
            subset = hb_subset_or_fail(face, input);
            if (subset == IntPtr.Zero) throw new InvalidOperationException($"HarfBuzz could not subset the font {path}.");
            data = hb_face_reference_blob(subset);
            var bytes = hb_blob_get_data(data, out var length);
            var result = new byte[length];
            Marshal.Copy(bytes, result, 0, (int)length);
            return result;
        }
        finally
        {
            if (data != IntPtr.Zero) hb_blob_destroy(data);
            if (subset != IntPtr.Zero) hb_face_destroy(subset);
            hb_subset_input_destroy(input);
            hb_face_destroy(face);
            hb_blob_destroy(blob);
        }
    }

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_blob_create_from_file_or_fail([MarshalAs(UnmanagedType.LPUTF8Str)] string fileName);

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_face_create(IntPtr blob, uint index);

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_subset_input_create_or_fail();

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_subset_input_unicode_set(IntPtr input);

    [DllImport(HarfBuzz)]
    private static extern void hb_set_add_range(IntPtr set, uint first, uint last);

    [DllImport(HarfBuzz)]
    private static extern void hb_subset_input_set_flags(IntPtr input, uint flags);

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_face_reference_blob(IntPtr face);

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [DllImport(HarfBuzz)]
    private static extern void hb_subset_input_destroy(IntPtr input);

    [DllImport(HarfBuzz)]
    private static extern void hb_face_destroy(IntPtr face);

    [DllImport(HarfBuzz)]
    private static extern void hb_blob_destroy(IntPtr blob);
}
