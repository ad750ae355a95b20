using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Data.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace HaNoi.ReformDashboard.Data.Tests.Seed;

/// <summary>A malformed seed file is refused with file, row and column, and nothing is written.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SeedValidationTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_valid_folder_loads_every_row()
    {
        var summary = await LoadAsync(new SeedFolderBuilder());

        summary.Should().Be(new SeedSummary(Units: 4, Pillars: 2, Indicators: 2, Targets: 2, Measurements: 4));
    }

    [Fact]
    public async Task A_zero_denominator_is_stored_as_reported_not_refused()
    {
        await LoadAsync(new SeedFolderBuilder());

        await using var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        (await db.Measurements.CountAsync(m => m.Denominator == 0)).Should().Be(1);
    }

    [Theory]
    [InlineData("measurements-2022.csv", 1, "XYZ,ONTIME,2022-01,990,1000,", "unit_code", "mã đơn vị 'XYZ' không tồn tại")]
    [InlineData("measurements-2022.csv", 1, "SNV,NO_SUCH,2022-01,990,1000,", "indicator_code", "mã chỉ tiêu 'NO_SUCH' không tồn tại")]
    [InlineData("measurements-2022.csv", 1, "SNV,ONTIME,2022-01,99O,1000,", "numerator", "'99O' không phải là số")]
    [InlineData("measurements-2022.csv", 1, "SNV,ONTIME,2022-01,\"990,5\",1000,", "numerator", "'990,5' không phải là số")]
    [InlineData("measurements-2022.csv", 1, "SNV,ONTIME,2022-01,-1,1000,", "numerator", "số âm")]
    [InlineData("measurements-2022.csv", 1, "SNV,ONTIME,2022-01,1001,1000,", "numerator", "lớn hơn mẫu số")]
    [InlineData("measurements-2022.csv", 1, "SNV,ONTIME,2022-13,990,1000,", "period", "không đúng dạng YYYY-MM")]
    [InlineData("measurements-2022.csv", 1, "SNV,ONTIME,2021-12,990,1000,", "period", "nằm ngoài năm 2022")]
    [InlineData("measurements-2022.csv", 1, "HN,ONTIME,2022-01,990,1000,", "indicator_code", "không báo cáo chỉ tiêu")]
    [InlineData("measurements-2022.csv", 1, "SNV,ONTIME,2022-01,,1000,", "numerator", "cần cả tử số và mẫu số")]
    [InlineData("units.csv", 2, "SNV,Sở Nội vụ,Department of Home Affairs,agency,HN,2008-08-01,,", "level", "cấp 'agency' không hợp lệ")]
    [InlineData("units.csv", 2, "SNV,Sở Nội vụ,Department of Home Affairs,department,XX,2008-08-01,,", "parent_code", "mã đơn vị cha 'XX' không tồn tại")]
    [InlineData("units.csv", 2, "SNV,Sở Nội vụ,Department of Home Affairs,department,HN,01/08/2008,,", "valid_from", "không đúng dạng YYYY-MM-DD")]
    [InlineData("units.csv", 2, "SNV,,Department of Home Affairs,department,HN,2008-08-01,,", "name_vi", "ô bắt buộc đang để trống")]
    [InlineData("indicators.csv", 1, "ONTIME,XX,Hồ sơ,On time,ratio,flow,monthly,district,5,,sum_of_units", "pillar", "lĩnh vực 'XX' không tồn tại")]
    [InlineData("indicators.csv", 1, "ONTIME,TTHC,Hồ sơ,On time,percent,flow,monthly,district,5,,sum_of_units", "kind", "loại 'percent' không hợp lệ")]
    [InlineData("targets.csv", 1, "2022,ONTIME,,,=>,99,false,x", "operator", "toán tử '=>' không hợp lệ")]
    [InlineData("targets.csv", 1, "2022,ONTIME,,,>,99%,false,x", "threshold", "'99%' không phải là số")]
    [InlineData("targets.csv", 1, "2022,ONTIME,,,>,99,yes,x", "aspirational", "không hợp lệ")]
    // Units over time: versions, successors, splits, and where the city figure comes from.
    [InlineData("units.csv", 2, "SNV,Sở Nội vụ,Department of Home Affairs,department,HN,2008-08-01,2021-12-31,SXX", "successor_code", "mã đơn vị kế thừa 'SXX' không tồn tại")]
    [InlineData("units.csv", 2, "SNV,Sở Nội vụ,Department of Home Affairs,department,HN,2008-08-01,,002", "successor_code", "phải có ngày hết hiệu lực")]
    [InlineData("units.csv", 2, "SNV,Sở Nội vụ,Department of Home Affairs,department,HN,2008-08-01,2007-12-31,002", "valid_to", "ngày hết hiệu lực trước ngày bắt đầu")]
    [InlineData("units.csv", 3, "SNV,Sở Nội vụ (bản 2),Department of Home Affairs,department,HN,2020-01-01,,", "valid_from", "phiên bản của đơn vị 'SNV' trùng thời gian với dòng 3")]
    [InlineData("units.csv", 3, "SNV,Sở Nội vụ,Department of Home Affairs,department,HN,2020-01-01,,,SNV-2020,", "code", "mã 'SNV' đang được đơn vị ở dòng 3 sử dụng")]
    [InlineData("units.csv", 2, "SNV,Sở Nội vụ,Department of Home Affairs,department,HN,2008-08-01,,,,00037", "split_from", "không có hiệu lực vào ngày 2008-07-31")]
    [InlineData("indicators.csv", 1, "ONTIME,TTHC,Hồ sơ,On time,ratio,flow,monthly,department;district;commune,5,,own_report", "city_figure", "own_report cần cấp city")]
    [InlineData("indicators.csv", 1, "ONTIME,TTHC,Hồ sơ,On time,ratio,flow,monthly,city;district,5,,sum_of_units", "city_figure", "sum_of_units không được có cấp city")]
    [InlineData("indicators.csv", 1, "ONTIME,TTHC,Hồ sơ,On time,ratio,flow,monthly,district,5,,", "city_figure", "không hợp lệ (own_report/sum_of_units)")]
    [InlineData("plan_years.csv", 1, "2022,Kế hoạch,Plan,,SIPAS;NO_SUCH", "headline", "mã chỉ tiêu 'NO_SUCH' không tồn tại")]
    [InlineData("plan_years.csv", 1, "2022,Kế hoạch,Plan,ONTIME,SIPAS", "headline", "không thuộc danh mục của năm 2022")]
    [InlineData("targets.csv", 1, "2021,ONTIME,,,>,99,false,x", "plan_year", "năm kế hoạch 2021 không có trong plan_years.csv")]
    public async Task A_malformed_row_is_refused_naming_file_row_and_column_and_nothing_is_written(
        string file, int line, string text, string column, string messageVi)
    {
        var folder = new SeedFolderBuilder().Replace(file, line, text).WriteTo(postgres.TempRoot);

        var error = await RefusedAsync(folder);

        error.Errors.Should().Contain(e => e.File == file && e.Row == line + 1 && e.Column == column && e.MessageVi.Contains(messageVi),
            because: $"the errors were: {error.Message}");
        error.Errors.Should().OnlyContain(e => e.MessageEn.Length > 0);
        await NothingWrittenAsync();
    }

    [Fact]
    public async Task A_duplicate_row_is_refused_and_points_at_the_first_one()
    {
        var folder = new SeedFolderBuilder().Append("measurements-2022.csv", "SNV,ONTIME,2022-01,991,1000,").WriteTo(postgres.TempRoot);

        var error = await RefusedAsync(folder);

        error.Errors.Should().ContainSingle().Which.Should().Match<CellError>(e =>
            e.File == "measurements-2022.csv" && e.Row == 6 && e.Column == "period" && e.MessageVi.Contains("dòng 2") && e.MessageEn.Contains("row 2"));
        await NothingWrittenAsync();
    }

    [Fact]
    public async Task A_wrong_header_is_refused_with_the_expected_header()
    {
        var folder = new SeedFolderBuilder().Replace("units.csv", 0, "code,name,level,parent").WriteTo(postgres.TempRoot);

        var error = await RefusedAsync(folder);

        error.Errors.Should().Contain(e => e.File == "units.csv" && e.Row == 1 && e.MessageEn.Contains("code,name_vi,name_en,level,parent_code"));
        await NothingWrittenAsync();
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused()
    {
        var folder = new SeedFolderBuilder().WriteTo(postgres.TempRoot);
        var path = Path.Combine(folder, "units.csv");
        var bytes = File.ReadAllBytes(path).Concat(new byte[] { 0x48, 0x4E, 0xC3, 0x28, 0x0A }).ToArray(); // invalid UTF-8 sequence
        File.WriteAllBytes(path, bytes);

        var error = await RefusedAsync(folder);

        error.Errors.Should().Contain(e => e.File == "units.csv" && e.MessageEn.Contains("not UTF-8"));
        await NothingWrittenAsync();
    }

    [Fact]
    public async Task A_missing_file_is_refused()
    {
        var folder = new SeedFolderBuilder().WriteTo(postgres.TempRoot);
        File.Delete(Path.Combine(folder, "indicators.csv"));

        var error = await RefusedAsync(folder);

        error.Errors.Should().Contain(e => e.File == "indicators.csv" && e.MessageEn.Contains("missing"));
        await NothingWrittenAsync();
    }

    [Fact]
    public async Task Every_problem_of_a_file_is_reported_at_once()
    {
        var folder = new SeedFolderBuilder()
            .Replace("measurements-2022.csv", 1, "XYZ,ONTIME,2022-01,990,1000,")
            .Replace("measurements-2022.csv", 2, "002,ONTIME,2022-01,abc,500,")
            .WriteTo(postgres.TempRoot);

        var error = await RefusedAsync(folder);

        error.Errors.Select(e => (e.Row, e.Column)).Should().BeEquivalentTo([(2, "unit_code"), (3, "numerator")]);
        error.Message.Should().Contain("measurements-2022.csv, dòng 2, cột unit_code").And.Contain("row 3, column numerator");
    }

    [Fact]
    public async Task Vietnamese_names_are_stored_in_NFC_even_when_the_file_is_decomposed()
    {
        var decomposed = "Quận Hoàn Kiếm".Normalize(System.Text.NormalizationForm.FormD);
        await LoadAsync(new SeedFolderBuilder().Replace("units.csv", 3, $"002,{decomposed},Hoan Kiem District,district,HN,2008-08-01,,"));

        await using var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        (await db.UnitVersions.SingleAsync(u => u.Code == "002")).NameVi.Should().Be("Quận Hoàn Kiếm".Normalize());
    }

    [Fact]
    public async Task Indicator_sources_give_each_indicator_its_data_source_and_owner()
    {
        var builder = new SeedFolderBuilder();
        builder.Files[IndicatorSources.FileName] = ["indicator_code,data_source,owner_code", "ONTIME,one_stop_system,SNV"];

        await LoadAsync(builder);

        await using var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        var ontime = await db.Indicators.SingleAsync(i => i.Code == "ONTIME");
        (ontime.DataSource, ontime.Owner).Should().Be(("one_stop_system", "SNV"));
        (await db.Indicators.SingleAsync(i => i.Code == "SIPAS")).DataSource.Should().BeEmpty(); // not listed: not recorded
    }

    [Theory]
    [InlineData("NOPE,one_stop_system,SNV", "indicator_code", "mã chỉ tiêu 'NOPE' không tồn tại")]
    [InlineData("ONTIME,rumour,SNV", "data_source", "nguồn 'rumour' không hợp lệ")]
    [InlineData("ONTIME,one_stop_system,XX", "owner_code", "mã đơn vị 'XX' không tồn tại")]
    public async Task A_bad_indicator_source_row_is_refused_and_nothing_is_written(string row, string column, string messageVi)
    {
        var builder = new SeedFolderBuilder();
        builder.Files[IndicatorSources.FileName] = ["indicator_code,data_source,owner_code", row];

        var error = await RefusedAsync(builder.WriteTo(postgres.TempRoot));

        error.Errors.Should().ContainSingle().Which.Should().Match<CellError>(e =>
            e.File == IndicatorSources.FileName && e.Row == 2 && e.Column == column && e.MessageVi.Contains(messageVi) && e.MessageEn.Length > 0);
        await NothingWrittenAsync();
    }

    private async Task<SeedSummary> LoadAsync(SeedFolderBuilder builder)
    {
        await postgres.ResetScratchAsync();
        await using var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        return await SeedLoader.LoadAsync(db, builder.WriteTo(postgres.TempRoot));
    }

    private async Task<DataFileException> RefusedAsync(string folder)
    {
        await postgres.ResetScratchAsync();
        await using var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        var load = async () => await SeedLoader.LoadAsync(db, folder);
        return (await load.Should().ThrowAsync<DataFileException>()).Which;
    }

    private async Task NothingWrittenAsync()
    {
        await using var db = PostgresServer.CreateContext(postgres.ScratchConnectionString);
        (await db.Units.CountAsync()).Should().Be(0);
        (await db.Measurements.CountAsync()).Should().Be(0);
        (await db.AuditLog.CountAsync()).Should().Be(0);
    }
}
