using System.Globalization;
using HaNoi.ReformDashboard.Cli.Tests.Infrastructure;
using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Cli.Tests.Scorecards;

[Collection(CliPostgresCollection.Name)]
public sealed class ScorecardCommandTests(PostgresServer postgres)
{
    [Fact]
    public async Task City_on_time_rate_for_the_year_equals_the_ratio_of_sums_over_the_demo_csv_to_the_last_digit()
    {
        var (exit, output, error) = await RunAsync("scorecard", "--year", "2022", "--period", "2022-YTD-12", "--level", "city", "--format", "csv");

        exit.Should().Be(0, error);
        var lines = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("unit_code,indicator_code,period,numerator,denominator,value,operator,threshold,status,gap,score,unit_key");
        var ontime = lines.Select(l => l.Split(',')).Single(c => c[1] == "ONTIME");

        // Straight from the file: every unit's every month of ONTIME, summed.
        var (n, d) = (0m, 0m);
        foreach (var row in File.ReadLines(Path.Combine(RepositoryPaths.SeedData, "measurements-2022.csv")).Skip(1).Select(l => l.Split(',')))
        {
            if (row[1] != "ONTIME") continue;
            n += decimal.Parse(row[3], CultureInfo.InvariantCulture);
            d += decimal.Parse(row[4], CultureInfo.InvariantCulture);
        }
        ontime[0].Should().Be("HN");
        ontime[2].Should().Be("2022-YTD-12");
        decimal.Parse(ontime[3], CultureInfo.InvariantCulture).Should().Be(n);
        decimal.Parse(ontime[4], CultureInfo.InvariantCulture).Should().Be(d);
        ontime[5].Should().Be((100m * n / d).ToString(CultureInfo.InvariantCulture));
        ontime[6].Should().Be(">");
        ontime[8].Should().Be(100m * n / d > 99m ? "met" : 100m * n / d >= 94m ? "at_risk" : "missed");
    }

    [Fact]
    public async Task A_level_scorecard_has_one_row_per_unit_and_indicator_of_that_level()
    {
        var (exit, output, error) = await RunAsync("scorecard", "--year", "2022", "--period", "2022-Q4", "--level", "district");

        exit.Should().Be(0, error);
        var rows = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        rows.Select(r => r[0]).Distinct().Should().HaveCount(30);
        rows.Should().OnlyContain(r => r[2] == "2022-Q4" && new[] { "met", "at_risk", "missed", "no_data", "no_target" }.Contains(r[8]));
        rows.Where(r => r[1] == "DOC_ONLINE_PROCESSING").Should().OnlyContain(r => r[6] == ">=" && r[7] == "80");
    }

    [Fact]
    public async Task Writing_to_a_file_uses_utf8_with_a_byte_order_mark()
    {
        var file = Path.Combine(postgres.TempRoot, $"scorecard-{Guid.NewGuid():N}.csv");

        var (exit, _, error) = await RunAsync("scorecard", "--year", "2022", "--period", "2022-12", "--unit", "268", "--out", file);

        exit.Should().Be(0, error);
        var bytes = await File.ReadAllBytesAsync(file);
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        Directory.GetFiles(postgres.TempRoot, ".scorecard-*.tmp").Should().BeEmpty();
    }

    [Theory]
    [InlineData("2022-13", "district", "không hợp lệ")]
    [InlineData("2021-12", "district", "nằm ngoài năm kế hoạch 2022")]
    [InlineData("2022-12", "ward", "Cấp 'ward' không hợp lệ")]
    public async Task Bad_arguments_exit_non_zero_with_a_message_in_both_languages(string period, string level, string messageVi)
    {
        var (exit, output, error) = await RunAsync("scorecard", "--year", "2022", "--period", period, "--level", level);

        exit.Should().Be(2);
        error.Should().Contain(messageVi).And.Contain(" / ");
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_unit_exits_non_zero()
    {
        var (exit, _, error) = await RunAsync("scorecard", "--year", "2022", "--period", "2022-12", "--unit", "NOPE");

        exit.Should().Be(4);
        error.Should().Contain("NOPE");
    }

    private async Task<(int, string, string)> RunAsync(params string[] args)
    {
        var connectionString = await postgres.DemoAsync();
        return await CliProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Reform"] = connectionString }, runAs: null, args);
    }
}
