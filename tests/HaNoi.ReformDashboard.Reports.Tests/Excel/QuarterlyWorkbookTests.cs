using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Reports;
using HaNoi.ReformDashboard.Reports.Excel;
using HaNoi.ReformDashboard.Reports.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Reports.Tests.Excel;

[Collection(ReportsPostgresCollection.Name)]
public sealed class QuarterlyWorkbookTests(PostgresServer server)
{
    private const double Precision = 1e-9;

    private static XLWorkbook Open(Scorecard scorecard, ReportParameters? parameters = null)
    {
        var bytes = TestOutput.Bytes(s => QuarterlyWorkbook.Write(scorecard, parameters ?? Demo.Parameters, s));
        return new XLWorkbook(new MemoryStream(bytes));
    }

    private static double Percent(decimal value) => (double)(value / 100m);

    [Fact]
    public async Task Level_sheets_hold_every_units_figures_and_the_level_rollup_exactly_as_the_scorecard()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        using var workbook = Open(scorecard);

        foreach (var level in scorecard.Levels.Where(l => scorecard.Units.Any(u => u.Unit.Level == l.Level)))
        {
            var ws = workbook.Worksheet(QuarterlyWorkbook.LevelSheet(level.Level));
            var units = scorecard.Units.Where(u => u.Unit.Level == level.Level).ToList();
            var indicators = scorecard.Indicators.Where(i => i.Levels.Contains(level.Level)).ToList();
            for (var u = 0; u <= units.Count; u++)
            {
                var row = ws.Row(QuarterlyWorkbook.LevelHeaderRow + 1 + u);
                var cells = u < units.Count ? units[u].Indicators : level.Indicators;
                if (u < units.Count)
                {
                    row.Cell(1).GetDouble().Should().Be(u + 1);
                    row.Cell(2).GetString().Should().Be(units[u].Unit.Code);
                    row.Cell(3).GetString().Should().Be(units[u].Unit.NameVi);
                }
                else row.Cell(3).GetString().Should().StartWith("Tổng cộng");

                for (var i = 0; i < indicators.Count; i++)
                {
                    var first = QuarterlyWorkbook.FirstFigureColumn + i * 6;
                    var cell = cells.Single(c => c.IndicatorCode == indicators[i].Code);
                    ws.Cell(QuarterlyWorkbook.LevelHeaderRow - 1, first).GetString().Should().Contain(indicators[i].Code);
                    AssertFigures(row, first, indicators[i], cell);
                }
            }
        }
    }

    private static void AssertFigures(IXLRow row, int first, IndicatorInfo indicator, ScoredIndicator cell)
    {
        var score = cell.Score;
        var what = $"{indicator.Code} in row {row.RowNumber()}";
        if (indicator.Kind == IndicatorKind.Ratio)
        {
            Number(row.Cell(first), cell.Figure.Numerator, what);
            Number(row.Cell(first + 1), cell.Figure.Denominator, what);
        }
        var percent = indicator.IsPercent;
        Number(row.Cell(first + 2), percent && score.Value is decimal v ? v / 100m : score.Value, what);
        Number(row.Cell(first + 3), percent && score.Target?.Threshold is decimal t ? t / 100m : score.Target?.Threshold, what);
        if (indicator.Kind != IndicatorKind.Milestone)
            Number(row.Cell(first + 4), percent && score.Gap is decimal g ? g / 100m : score.Gap, what);
        row.Cell(first + 5).GetString().Should().Be(ReportText.Status(score.Status), what);
        row.Cell(first + 5).Style.Fill.BackgroundColor.Color.ToArgb().Should()
            .Be(System.Drawing.ColorTranslator.FromHtml("#" + ReportText.StatusFill(score.Status)).ToArgb(), what);
        if (percent) row.Cell(first + 2).Style.NumberFormat.Format.Should().Be("0.00%", what);
    }

    private static void Number(IXLCell cell, decimal? expected, string what)
    {
        if (expected is decimal e)
        {
            cell.DataType.Should().Be(XLDataType.Number, what);
            cell.GetDouble().Should().BeApproximately((double)e, Precision, what);
        }
        else cell.IsEmpty().Should().BeTrue($"no data is an empty cell, never 0 ({what})");
    }

    [Fact]
    public async Task Long_wrapped_indicator_names_get_taller_rows_so_they_do_not_overlap()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        using var workbook = Open(scorecard);
        var ws = workbook.Worksheet(QuarterlyWorkbook.CitySheet);

        var rows = Enumerable.Range(0, scorecard.Indicators.Count).Select(i => ws.Row(5 + i)).ToList();
        var longest = rows.MaxBy(r => r.Cell(4).GetString().Length)!;
        longest.Cell(4).GetString().Length.Should().BeGreaterThan(70, "the demo catalogue has long names");
        longest.Height.Should().BeGreaterThanOrEqualTo(30);
        rows.Where(r => r.Cell(4).GetString().Length <= 60).Should().OnlyContain(r => r.Height < 30);
    }

    [Fact]
    public async Task City_sheet_holds_the_city_figures_with_percent_formats()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        using var workbook = Open(scorecard);
        var ws = workbook.Worksheet(QuarterlyWorkbook.CitySheet);

        for (var i = 0; i < scorecard.Indicators.Count; i++)
        {
            var indicator = scorecard.Indicators[i];
            var row = ws.Row(5 + i);
            row.Cell(2).GetString().Should().Be(indicator.Code);
            AssertFigures(row, 5, indicator, scorecard.City.For(indicator.Code)!);
        }
    }

    [Fact]
    public async Task Data_sheet_has_the_exact_header_and_one_machine_readable_row_per_unit_and_indicator()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        using var workbook = Open(scorecard);
        var ws = workbook.Worksheet("Data");

        ws.Row(1).Cells(1, 12).Select(c => c.GetString()).Should().Equal(
            "unit_code", "indicator_code", "period", "numerator", "denominator", "value", "operator", "threshold", "status", "gap", "score", "unit_key");
        ws.Cell(1, 13).IsEmpty().Should().BeTrue();

        var expected = scorecard.Units.OrderBy(u => u.Unit.Level).SelectMany(u => u.Indicators.Select(i => (u.Unit.Code, Cell: i, u.Unit.Key))).ToList();
        ws.LastRowUsed().RowNumber().Should().Be(expected.Count + 1);
        for (var r = 0; r < expected.Count; r++)
        {
            var row = ws.Row(r + 2);
            var (unit, cell, key) = expected[r];
            row.Cell(1).GetString().Should().Be(unit);
            row.Cell(2).GetString().Should().Be(cell.IndicatorCode);
            row.Cell(3).GetString().Should().Be("2022-Q4");
            Number(row.Cell(4), cell.Figure.Numerator, unit);
            Number(row.Cell(5), cell.Figure.Denominator, unit);
            Number(row.Cell(6), cell.Score.Value, unit); // percent units (99.5), not fractions
            (row.Cell(7).IsEmpty() ? null : row.Cell(7).GetString()).Should().Be(cell.Score.Target?.Operator.ToCode());
            Number(row.Cell(8), cell.Score.Target?.Threshold, unit);
            row.Cell(9).GetString().Should().BeOneOf("met", "at_risk", "missed", "no_data", "no_target").And.Be(cell.Score.Status.ToCode());
            Number(row.Cell(10), cell.Score.Gap, unit);
            Number(row.Cell(11), cell.Score.Score, unit);
            row.Cell(12).GetString().Should().NotBeEmpty().And.Be(key);
        }
    }

    [Fact]
    public async Task Every_sheet_has_a_valid_name_frozen_header_filter_and_A4_landscape_printing()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        using var workbook = Open(scorecard);

        workbook.Worksheets.Select(w => w.Name).Should().Equal(
            "Bìa", "Tổng hợp", "Toàn thành phố", "Cấp thành phố", "Cấp sở, ban, ngành", "Cấp huyện", "Cấp xã", "So sánh và giải trình", "Xu hướng", "Data", "Data_rollups");
        var levelSheets = new[] { "Cấp thành phố", "Cấp sở, ban, ngành", "Cấp huyện", "Cấp xã" };
        foreach (var ws in workbook.Worksheets)
        {
            ws.Name.Length.Should().BeInRange(1, 31);
            ws.Name.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']).Should().Be(-1);
            ws.PageSetup.PaperSize.Should().Be(XLPaperSize.A4Paper);
            if (!levelSheets.Contains(ws.Name)) ws.PageSetup.PagesWide.Should().Be(1, ws.Name);
            if (ws.Name == QuarterlyWorkbook.CoverSheet) continue;
            ws.PageSetup.PageOrientation.Should().Be(XLPageOrientation.Landscape, ws.Name);
            ws.SheetView.SplitRow.Should().BeGreaterThan(0, $"{ws.Name} freezes its header");
            ws.AutoFilter.IsEnabled.Should().BeTrue($"{ws.Name} has a filter");
            ws.PageSetup.FirstRowToRepeatAtTop.Should().Be(1, ws.Name);
            ws.PageSetup.LastRowToRepeatAtTop.Should().Be(ws.SheetView.SplitRow, $"{ws.Name} repeats its header rows");
        }
        workbook.Worksheet("Cấp xã").SheetView.SplitColumn.Should().Be(3, "unit names stay in view");
    }

    [Fact]
    public async Task Level_sheets_print_at_62_percent_in_blocks_of_two_indicators_repeating_the_unit_columns()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        using var workbook = Open(scorecard);
        // The file as written, kept to be looked at printed (LibreOffice: soffice --convert-to pdf).
        await File.WriteAllBytesAsync(TestOutput.PathOf("bao-cao-quy-IV-2022.xlsx"), TestOutput.Bytes(s => QuarterlyWorkbook.Write(scorecard, Demo.Parameters, s)));

        foreach (var level in scorecard.Levels.Where(l => scorecard.Units.Any(u => u.Unit.Level == l.Level)))
        {
            var ws = workbook.Worksheet(QuarterlyWorkbook.LevelSheet(level.Level));
            var indicators = scorecard.Indicators.Count(i => i.Levels.Contains(level.Level));
            ws.PageSetup.Scale.Should().Be(62, ws.Name);
            ws.PageSetup.PagesWide.Should().Be(0, "not shrunk to one page wide");
            ws.PageSetup.FirstColumnToRepeatAtLeft.Should().Be(1);
            ws.PageSetup.LastColumnToRepeatAtLeft.Should().Be(5);
            // A break after every second indicator's six columns (5 unit columns first).
            ws.PageSetup.ColumnBreaks.Should().Equal(Enumerable.Range(1, (indicators - 1) / 2).Select(b => 5 + b * 12));
        }
        // Absolute, as Excel writes them: LibreOffice repeats the unit columns only then.
        using var package = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(TestOutput.PathOf("bao-cao-quy-IV-2022.xlsx"), false);
        package.WorkbookPart!.Workbook.DefinedNames!.Elements<DocumentFormat.OpenXml.Spreadsheet.DefinedName>()
            .Where(n => n.Name == "_xlnm.Print_Titles").Select(n => n.Text)
            .Should().Contain("'Cấp xã'!$A:$E,'Cấp xã'!$1:$5");
    }

    [Fact]
    public async Task The_rollup_sheet_holds_every_level_rollup_and_the_city_figures_in_the_data_columns()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        using var workbook = Open(scorecard);
        var ws = workbook.Worksheet("Data_rollups");

        ws.Row(1).Cells(1, 13).Select(c => c.GetString()).Should().Equal(
            "scope", "level", "indicator_code", "period", "numerator", "denominator", "value", "operator", "threshold", "status", "gap", "score", "unit_key");
        var expected = scorecard.Levels.SelectMany(l => l.Indicators.Select(i => ("level", l.Level.ToCode(), Cell: i)))
            .Concat(scorecard.City.Indicators.Select(i => ("city", "city", Cell: i))).ToList();
        ws.LastRowUsed().RowNumber().Should().Be(expected.Count + 1);
        for (var r = 0; r < expected.Count; r++)
        {
            var row = ws.Row(r + 2);
            var (scope, level, cell) = expected[r];
            var what = $"{scope} {level} {cell.IndicatorCode}";
            row.Cell(1).GetString().Should().Be(scope);
            row.Cell(2).GetString().Should().Be(level);
            row.Cell(3).GetString().Should().Be(cell.IndicatorCode);
            Number(row.Cell(5), cell.Figure.Numerator, what);
            Number(row.Cell(6), cell.Figure.Denominator, what);
            Number(row.Cell(7), cell.Score.Value, what);
            row.Cell(10).GetString().Should().Be(cell.Score.Status.ToCode());
            Number(row.Cell(12), cell.Score.Score, what);
            row.Cell(13).GetString().Should().Be(scope == "city" ? scorecard.CityKey : "", "the city's key on its rows; a level is no unit");
        }
    }

    [Fact]
    public async Task The_benchmark_sheet_gives_each_unit_its_rank_the_levels_median_and_P75_the_run_rate_and_its_explanation()
    {
        var june = await Demo.ScorecardAsync(server, "2022-06", ScorecardScope.ForLevel(UnitLevel.District));
        var unit = june.Units[3];
        var explained = unit.Indicators[0];
        var scorecard = june with
        {
            Explanations = [new Explanation(unit.Unit.Code, explained.IndicatorCode, "2022-06", "Phần mềm một cửa lỗi trong tháng 6.", "Lê Văn Cường", DateTimeOffset.UnixEpoch)
            {
                Remedy = "Nâng cấp phần mềm, trực hỗ trợ cuối tuần.", ExpectedBy = new DateOnly(2022, 8, 15), Revision = 2,
            }],
        };
        using var workbook = Open(scorecard);
        var ws = workbook.Worksheet("So sánh và giải trình");

        var rows = ws.Rows(5, ws.LastRowUsed()!.RowNumber()).ToList();
        rows.Should().HaveCount(scorecard.Units.Sum(u => u.Indicators.Count));
        foreach (var row in rows)
        {
            var u = scorecard.Unit(row.Cell(2).GetString())!;
            var cell = u.For(row.Cell(4).GetString())!;
            var indicator = scorecard.Indicator(cell.IndicatorCode);
            var benchmark = scorecard.Benchmarks[(cell.IndicatorCode, UnitLevel.District)];
            var scale = indicator.IsPercent ? 100m : 1m;
            row.Cell(9).GetString().Should().Be(cell.Rank is null ? "—" : $"{cell.Rank}/{cell.RankedPeers}");
            Number(row.Cell(10), benchmark.Median / scale, cell.IndicatorCode);
            Number(row.Cell(11), benchmark.Percentile75 / scale, cell.IndicatorCode);
            (row.Cell(12).IsEmpty() ? null : row.Cell(12).GetString()).Should().Be(ReportText.RunRate(cell.RunRate, scorecard.Period));
            var parts = Enumerable.Range(13, 4).Select(c => row.Cell(c)).ToList();
            if (u == unit && cell == explained)
            {
                parts[0].GetString().Should().Be("Phần mềm một cửa lỗi trong tháng 6.");
                parts[1].GetString().Should().Be("Nâng cấp phần mềm, trực hỗ trợ cuối tuần.");
                parts[2].GetDateTime().Should().Be(new DateTime(2022, 8, 15), "the expected date is a date cell");
                parts[3].GetString().Should().Be("Lê Văn Cường (lần 2)");
            }
            else parts.Should().OnlyContain(c => c.IsEmpty());
        }
        rows.Should().Contain(r => r.Cell(12).GetString().StartsWith("cần đạt", StringComparison.Ordinal), "June leaves six months for flow ratios");
    }

    [Fact]
    public async Task An_English_workbook_has_English_sheets_headings_and_names_and_keeps_the_machine_readable_headers()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        using var workbook = Open(scorecard, Demo.Parameters with { Language = System.Globalization.CultureInfo.GetCultureInfo("en-US") });

        workbook.Worksheets.Select(w => w.Name).Should().Equal(
            "Cover", "Summary", "Whole city", "City level", "Departments", "Districts", "Communes", "Benchmarks and explanations", "Trends", "Data", "Data_rollups");
        var city = workbook.Worksheet("Whole city");
        city.Row(4).Cells(5, 10).Select(c => c.GetString()).Should().Equal("Numerator", "Denominator", "Rate", "Target", "Gap", "Met/Missed");
        city.Cell(5, 4).GetString().Should().Be(scorecard.Indicators[0].NameEn);
        string.Join("\n", workbook.Worksheet("Cover").CellsUsed().Select(c => c.GetString())).Should()
            .Contain("SOCIALIST REPUBLIC OF VIET NAM").And.Contain("Q4 2022").And.NotContain("Năm kế hoạch");
        workbook.Worksheet("Data").Row(1).Cell(1).GetString().Should().Be("unit_code");
        workbook.Worksheet("Districts").Cell(QuarterlyWorkbook.LevelHeaderRow + 1, 3).GetString().Should().Be(scorecard.Units.First(u => u.Unit.Level == UnitLevel.District).Unit.NameEn);
        city.Cell(5, 10).GetString().Should().BeOneOf("✓ Met", "! At risk", "✗ Missed", "– No data", "○ No target");
    }

    [Fact]
    public async Task Cover_states_issuing_body_year_period_scope_filters_author_and_time()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4", ScorecardScope.ForLevel(UnitLevel.District));
        using var workbook = Open(scorecard);
        var text = string.Join("\n", workbook.Worksheet("Bìa").CellsUsed().Select(c => c.GetString()));

        text.Should().Contain("UBND THÀNH PHỐ HÀ NỘI").And.Contain("Độc lập - Tự do - Hạnh phúc")
            .And.Contain("Quý IV/2022 (2022-Q4)").And.Contain("Từ ngày 01/10/2022 đến ngày 31/12/2022")
            .And.Contain("Cấp: Quận, huyện, thị xã").And.Contain("Lĩnh vực").And.Contain("Tất cả")
            .And.Contain("Nguyễn Văn An (Sở Nội vụ)").And.Contain("09:30 ngày 05/01/2023");
        workbook.Worksheets.Select(w => w.Name).Should().Contain("Cấp huyện").And.NotContain("Cấp xã");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"Hà Đông\")")]
    [InlineData("+1+2")]
    [InlineData("-1+2")]
    [InlineData("@SUM(A1)")]
    public async Task A_unit_name_that_looks_like_a_formula_stays_text_with_a_quote_prefix(string name)
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4", ScorecardScope.ForLevel(UnitLevel.Commune));
        var first = scorecard.Units[0];
        var hostile = scorecard with { Units = [first with { Unit = first.Unit with { NameVi = name } }, .. scorecard.Units.Skip(1)] };
        using var workbook = Open(hostile);

        var cell = workbook.Worksheet("Cấp xã").Cell(QuarterlyWorkbook.LevelHeaderRow + 1, 3);
        cell.HasFormula.Should().BeFalse();
        cell.DataType.Should().Be(XLDataType.Text);
        cell.GetString().Should().Be(name);
        cell.Style.IncludeQuotePrefix.Should().BeTrue();
        workbook.Worksheets.SelectMany(w => w.CellsUsed()).Should().NotContain(c => c.HasFormula, "the workbook holds values only");
    }

    [Fact]
    public async Task An_empty_scope_gives_a_valid_workbook_that_says_there_is_no_data()
    {
        // A period with no figures in a plan year that has a catalogue: every row says no data or no target.
        var scorecard = await Demo.ScorecardAsync(server, "2023-Q1", planYear: 2022);
        scorecard.IsEmpty.Should().BeTrue();
        using var workbook = Open(scorecard);

        workbook.Worksheet("Bìa").CellsUsed().Select(c => c.GetString()).Should().Contain(s => s.Contains("Không có số liệu"));
        workbook.Worksheet("Data").Row(1).Cell(1).GetString().Should().Be("unit_code");
        workbook.Worksheet("Data").CellsUsed().Where(c => c.Address.ColumnNumber == 9 && c.Address.RowNumber > 1)
            .Should().OnlyContain(c => c.GetString() == "no_data" || c.GetString() == "no_target");
    }

    [Fact]
    public async Task Trends_sheet_holds_the_citys_monthly_values_as_percents()
    {
        var scorecard = await Demo.ScorecardAsync(server, "2022-Q4");
        using var workbook = Open(scorecard);
        var ws = workbook.Worksheet("Xu hướng");

        for (var i = 0; i < scorecard.Indicators.Count; i++)
        {
            var indicator = scorecard.Indicators[i];
            ws.Cell(5 + i, 2).GetString().Should().Be(indicator.Code);
            foreach (var point in scorecard.CitySeries(indicator.Code)!.Points)
            {
                var cell = ws.Cell(5 + i, 4 + point.Month);
                Number(cell, indicator.IsPercent && point.Value is decimal v ? v / 100m : point.Value, $"{indicator.Code} T{point.Month}");
                if (indicator.IsPercent && point.Value is not null) cell.Style.NumberFormat.Format.Should().Be("0.00%");
            }
        }
    }
}
