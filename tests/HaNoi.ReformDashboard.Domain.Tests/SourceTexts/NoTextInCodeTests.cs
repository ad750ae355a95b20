using System.Text;
using System.Xml.Linq;

namespace HaNoi.ReformDashboard.Domain.Tests.SourceTexts;

/// <summary>
/// Every user-facing text comes from a resource set (.resx) in Vietnamese and English, never from a literal in code
/// (issue 22): a C# file under src/ that writes a Vietnamese string literal fails here, unless it is one of the few
/// allowed below, each with its reason.
/// </summary>
public sealed class NoTextInCodeTests
{
    /// <summary>Literals that are data or part of a file format, not texts to translate.</summary>
    private static readonly (string File, string Text, string Why)[] Allowed =
    [
        ("HaNoi.ReformDashboard.Data/Import/ImportFileReader.cs", "Số liệu",
            "the import workbook's data sheet: the reader finds the sheet by this exact name, so it is part of the file format"),
        ("HaNoi.ReformDashboard.Data/Import/ImportTemplate.cs", "Danh mục",
            "the import template's catalogue sheet, named as the format names it"),
        ("HaNoi.ReformDashboard.Data/Assessment/SurveyImport.cs", "Điều tra",
            "the survey workbook's sheet: the reader finds it by this exact name"),
        ("HaNoi.ReformDashboard.Data/Assessment/PastResultsImport.cs", "Kết quả",
            "the past-results workbook's sheet: the reader finds it by this exact name"),
        ("HaNoi.ReformDashboard.Data/Assessment/FrameworkTemplate.cs", "Hướng dẫn",
            "the framework template's guide sheet, named as the format names its sheets"),
        ("HaNoi.ReformDashboard.Cli/SeedGeneration/FullSize/FullSizeUnits.cs", "Huyện",
            "matches the catalogue's Vietnamese district names (data), to tell a rural district from an urban one"),
        ("HaNoi.ReformDashboard.Cli/SeedGeneration/FullSize/FullSizeUnits.cs", "Quận ",
            "a prefix stripped from the catalogue's district names (data)"),
        ("HaNoi.ReformDashboard.Cli/SeedGeneration/FullSize/FullSizeUnits.cs", "Huyện ",
            "a prefix stripped from the catalogue's district names (data)"),
        ("HaNoi.ReformDashboard.Cli/SeedGeneration/FullSize/FullSizeUnits.cs", "Thị xã ",
            "a prefix stripped from the catalogue's district names (data)"),
    ];

    /// <summary>Folders whose files are history: a migration's SQL is fixed once a database has run it.</summary>
    private static readonly string[] AllowedFolders = ["/Migrations/"];

    private static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "HaNoi.ReformDashboard.sln"))) return dir.FullName;
            throw new InvalidOperationException("HaNoi.ReformDashboard.sln was not found above the test's folder.");
        }
    }

    private static IEnumerable<string> SourceFiles(string extension)
    {
        var src = Path.Combine(Root, "src");
        return Directory.EnumerateFiles(src, "*" + extension, SearchOption.AllDirectories)
            .Where(f => !Relative(src, f).Split('/').Any(part => part is "bin" or "obj"));
    }

    private static string Relative(string src, string file) => Path.GetRelativePath(src, file).Replace('\\', '/');

    [Fact]
    public void No_cs_file_under_src_writes_a_Vietnamese_text_outside_the_resources()
    {
        var src = Path.Combine(Root, "src");
        var files = SourceFiles(".cs").ToList();
        files.Should().HaveCountGreaterThan(100, "the scan must see the whole source tree");

        var offending = new List<string>();
        var used = new HashSet<(string, string)>();
        foreach (var file in files)
        {
            var relative = Relative(src, file);
            if (AllowedFolders.Any(folder => ("/" + relative).Contains(folder, StringComparison.Ordinal))) continue;
            foreach (var literal in CSharpLiterals.Of(File.ReadAllText(file, Encoding.UTF8)))
            {
                if (!CSharpLiterals.HasVietnamese(literal.Text)) continue;
                if (Allowed.Any(a => a.File == relative && a.Text == literal.Text)) { used.Add((relative, literal.Text)); continue; }
                offending.Add($"{relative}:{literal.Line}: \"{literal.Text}\"");
            }
        }

        offending.Should().BeEmpty("texts belong in a .resx resource set (DataText, CliText, Strings, ReportStrings…) in both languages");
        Allowed.Select(a => (a.File, a.Text)).Except(used).Should().BeEmpty("an allowance no longer needed is removed");
    }

    [Fact]
    public void The_scanner_sees_every_kind_of_string_and_skips_comments_and_characters()
    {
        const string source = """"
            // "Bình luận" in a comment
            /* "cũng là bình luận" */
            var a = "Thường";
            var b = @"Nguyên ""văn""";
            var c = $"Nội suy {x} {y:yyyy-MM} {(z ? "trong lỗ" : "no")}";
            var d = "\u0110\u1ea1t";
            var e = '"'; var f = "plain English";
            var g = $$"""
                Chuỗi {{x}} thô
                """;
            """";
        var texts = CSharpLiterals.Of(source).Where(l => CSharpLiterals.HasVietnamese(l.Text)).Select(l => l.Text.Trim()).ToList();

        texts.Should().BeEquivalentTo(
            ["Thường", "Nguyên \"văn\"", "Nội suy", "trong lỗ", "Đạt", "Chuỗi  thô"],
            o => o.WithoutStrictOrdering());
        CSharpLiterals.HasVietnamese("The file is refused: 3 problems.").Should().BeFalse();
        CSharpLiterals.HasVietnamese("Tê\u0301p").Should().BeTrue("a decomposed (NFD) Vietnamese letter is one too");
    }

    [Fact]
    public void Every_resource_text_under_src_is_NFC()
    {
        var src = Path.Combine(Root, "src");
        var notNfc = SourceFiles(".resx")
            .SelectMany(file => XDocument.Load(file).Root!.Elements("data")
                .Select(d => (File: Relative(src, file), Key: (string?)d.Attribute("name"), Value: d.Element("value")?.Value ?? "")))
            .Where(e => !e.Value.IsNormalized(NormalizationForm.FormC))
            .Select(e => $"{e.File}: {e.Key}")
            .ToList();

        notNfc.Should().BeEmpty("Vietnamese text is stored precomposed (NFC), as the screens and files compare it");
    }
}
