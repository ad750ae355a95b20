using System.Globalization;
using System.Text;
using Bunit;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Dossiers;
using HaNoi.ReformDashboard.Data.Schema;
using HaNoi.ReformDashboard.Data.Seed;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Accounts;
using HaNoi.ReformDashboard.Web.Import;
using HaNoi.ReformDashboard.Web.Tests.EndToEnd;
using HaNoi.ReformDashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace HaNoi.ReformDashboard.Web.Tests.Import;

/// <summary>The dossier import page over a database of its own (the demo's units and procedures, no figures).</summary>
[Collection(DossierCollection.Name)]
public sealed class DossierImportPageTests : ComponentTest
{
    // A bound for waiting on the page under a loaded machine; each wait ends as soon as its condition holds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DossierApp _app;
    private string _connectionString = "";
    private string _role = Roles.ReformOffice;
    private const string Staff = "dossiers@so-noi-vu";

    public DossierImportPageTests(DossierApp app)
    {
        _app = app;
        Services.AddDbContextFactory<ReformDbContext>(o => o.UseNpgsql(_connectionString));
        Services.AddLogging();
        Services.AddReformPolicies();
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new DossierImportOptions());
        // Writes ask the test app's accounts who acts (CurrentUser.ForWriteAsync).
        Services.AddAccountStore(app.ConnectionString);
        Services.AddScoped<CurrentUser>();
        Services.AddSingleton<AuthenticationStateProvider>(s => new FixedUser(app.Services, _role == Roles.ReformOffice ? Staff : "dossiers-" + _role, _role));
    }

    private const string Header = "dossier_code,procedure_code,field_code,unit_code,received_at,due_at,finished_at,returned_at,status,channel,supplement_requests,supplement_days,fee_required,paid_online,digitised,e_result,reused_data,synced_national,updated_at";

    /// <summary>A birth registration (procedure 1.001193, field HT) at the ward 00001, received on a March morning and returned the next day.</summary>
    private static Dictionary<string, string> Dossier(string code, string received = "2022-03-07T09:30:00+07:00", string updated = "2022-03-08T10:05:00+07:00") => new()
    {
        ["dossier_code"] = code, ["procedure_code"] = "1.001193", ["field_code"] = "HT", ["unit_code"] = "00001",
        ["received_at"] = received, ["due_at"] = "2022-03-08T09:30:00+07:00", ["finished_at"] = "2022-03-08T08:00:00+07:00",
        ["returned_at"] = "2022-03-08T10:00:00+07:00", ["status"] = "returned", ["channel"] = "online", ["supplement_requests"] = "0",
        ["supplement_days"] = "0", ["fee_required"] = "false", ["paid_online"] = "false", ["digitised"] = "true", ["e_result"] = "true",
        ["reused_data"] = "false", ["synced_national"] = "true", ["updated_at"] = updated,
    };

    private static Dictionary<string, string> With(Dictionary<string, string> row, params (string Column, string Value)[] cells)
    {
        foreach (var (column, value) in cells) row[column] = value;
        return row;
    }

    /// <summary>Still open: received in April, nothing ended yet.</summary>
    private static Dictionary<string, string> Open(string code, string updated) => With(Dossier(code, "2022-04-04T08:15:00+07:00", updated),
        ("due_at", "2022-04-05T08:15:00+07:00"), ("finished_at", ""), ("returned_at", ""), ("status", "in_progress"));

    private static byte[] Csv(params Dictionary<string, string>[] rows) =>
        Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows.Select(r => string.Join(',', Header.Split(',').Select(c => r[c])))]) + "\n");

    private static void Upload(IRenderedComponent<DossierImportPage> cut, string name, byte[] content) =>
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, name));

    [Fact]
    public async Task A_leader_is_refused_inside_the_circuit_and_nothing_is_kept_or_written()
    {
        _role = Roles.Leader;
        await DatabaseAsync();
        var cut = Render<DossierImportPage>();

        Upload(cut, "ho-so.csv", Csv(Dossier("HS-1")));

        cut.WaitForAssertion(() => cut.Find("[data-testid=dossier-message]").TextContent.Should()
            .Be("Chưa ghi: phiên đăng nhập đã kết thúc hoặc tài khoản không còn quyền này; vui lòng đăng nhập lại."), Patience);
        cut.FindAll("[data-testid=dossier-commit]").Should().BeEmpty();
        DossierApp.UploadsLeft().Should().BeEmpty();
        (await CountAsync("SELECT count(*) FROM dossiers")).Should().Be(0);
        (await CountAsync("SELECT count(*) FROM import_batches WHERE kind = 'dossiers'")).Should().Be(0);
    }

    [Theory]
    [InlineData("vi-VN", "đơn vị 'ZZZ' không có trong danh mục đơn vị.", "kênh 'fax' không hợp lệ (direct, online, postal).", "Tệp bị từ chối: 2 lỗi, không ghi gì.")]
    [InlineData("en-US", "unit 'ZZZ' is not in the unit catalogue.", "'fax' is not a channel (direct, online, postal).", "The file is refused: 2 problems, nothing written.")]
    public async Task A_bad_file_lists_each_problem_by_row_column_and_value_in_the_readers_language_and_writes_nothing(
        string culture, string unitMessage, string channelMessage, string refused)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        await DatabaseAsync();
        var cut = Render<DossierImportPage>();

        // Header on row 1: the good dossier is row 2, the unknown unit row 3, the unknown channel row 4.
        Upload(cut, "ho-so-loi.csv", Csv(Dossier("HS-1"), With(Dossier("HS-2"), ("unit_code", "ZZZ")), With(Dossier("HS-3"), ("channel", "fax"))));

        cut.WaitForAssertion(() => cut.Find("[data-testid=dossier-message]").TextContent.Should().Be(refused), Patience);
        cut.FindAll("[data-testid=dossier-problems] tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(td => td.TextContent)))
            .Should().Equal($"3 | unit_code | ZZZ | {unitMessage}", $"4 | channel | fax | {channelMessage}");
        cut.Find("[data-testid=dossier-rows]").TextContent.Should().Be("3");
        cut.FindAll("[data-testid=dossier-commit]").Should().BeEmpty();
        DossierApp.UploadsLeft().Should().BeEmpty("a refused file is dropped at once");
        (await CountAsync("SELECT count(*) FROM dossiers")).Should().Be(0);
        (await CountAsync("SELECT count(*) FROM import_batches WHERE kind = 'dossiers'")).Should().Be(0);
    }

    [Fact]
    public async Task A_good_file_shows_rows_and_months_then_imports_and_counts_new_replaced_unchanged_and_late()
    {
        await DatabaseAsync();
        var cut = Render<DossierImportPage>();
        // The first file: two dossiers returned in March, one still open in April (updated on the 4th), one updated late on the 6th.
        Upload(cut, "ho-so-thang-3.csv", Csv(Dossier("HS-1"), Dossier("HS-2"), Open("HS-3", "2022-04-04T09:00:00+07:00"), Open("HS-4", "2022-04-06T09:00:00+07:00")));
        cut.WaitForAssertion(() => cut.Find("[data-testid=dossier-message]").TextContent.Should().Be("Tệp hợp lệ: 4 hồ sơ, chưa ghi gì. Bấm “Nhập hồ sơ” để ghi."), Patience);
        cut.Find("[data-testid=dossier-rows]").TextContent.Should().Be("4");
        cut.Find("[data-testid=dossier-months]").TextContent.Should().Be("03/2022 – 04/2022 (2 tháng)");
        (await CountAsync("SELECT count(*) FROM dossiers")).Should().Be(0, "checking writes nothing");
        DossierApp.UploadsLeft().Should().ContainSingle("the checked file waits for the import");
        cut.Find("[data-testid=dossier-commit]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=dossier-new]").TextContent.Should().Be("4"), Patience);
        // At 00001: March (HS-1, HS-2 ended; no fee) gets five figures, April (HS-3, HS-4 open) the two over received dossiers.
        cut.Find("[data-testid=dossier-figures]").TextContent.Should().Be("2 đơn vị-tháng đếm lại, 7 số liệu ghi mới, 0 số liệu rút");
        DossierApp.UploadsLeft().Should().BeEmpty();

        // The second file: HS-1 and HS-2 again as they were (unchanged), HS-3 returned since (replaced), HS-4 as it stood on
        // the 5th (older than the record held: late), HS-5 new.
        Upload(cut, "ho-so-thang-4.csv", Csv(Dossier("HS-1"), Dossier("HS-2"),
            With(Open("HS-3", "2022-04-05T16:00:00+07:00"), ("finished_at", "2022-04-05T15:00:00+07:00"), ("returned_at", "2022-04-05T16:00:00+07:00"), ("status", "returned")),
            Open("HS-4", "2022-04-05T09:00:00+07:00"), Dossier("HS-5")));
        cut.WaitForElement("[data-testid=dossier-commit]", Patience).Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=dossier-message]").TextContent.Should().StartWith("Đã nhập lô #"), Patience);
        var counts = new[] { "new", "replaced", "unchanged", "late" }.Select(k => cut.Find($"[data-testid=dossier-{k}]").TextContent);
        counts.Should().Equal("1", "1", "2", "1");
        // HS-5 moves March's five figures to 3/3 (0/3 re-used); HS-3 ending late (15:00, due 08:15) gives April ONTIME 0/1,
        // DIGITISED 1/1 and DVCQG 1/1; April's two figures over received dossiers stay as they were.
        cut.Find("[data-testid=dossier-figures]").TextContent.Should().Be("2 đơn vị-tháng đếm lại, 8 số liệu ghi mới, 0 số liệu rút");
        var batch = await ReadAsync("SELECT id FROM import_batches WHERE kind = 'dossiers' AND file_name = 'ho-so-thang-4.csv'");
        cut.Find("[data-testid=dossier-batch]").TextContent.Should().Be("#" + batch);
        cut.Find("[data-testid=dossier-history]").TextContent.Should().Contain("ho-so-thang-3.csv").And.Contain("ho-so-thang-4.csv");
        DossierApp.UploadsLeft().Should().BeEmpty();
        (await CountAsync("SELECT count(*) FROM dossiers")).Should().Be(5);
        (await ReadAsync("SELECT status FROM dossiers WHERE dossier_code = 'HS-3'")).Should().Be("returned");
        (await ReadAsync("SELECT string_agg(dossier_code || ':' || arrived_late, ',' ORDER BY dossier_code) FROM dossier_history")).Should().Be("HS-3:false,HS-4:true");
        (await ReadAsync("SELECT string_agg(DISTINCT actor, ',') FROM audit_log WHERE action = 'dossiers.import'")).Should().Be(Staff);
    }

    /// <summary>A database of this test's own on the app's cluster: the demo's units and procedures, 2022's dossier partitions.</summary>
    private async Task DatabaseAsync()
    {
        var name = "dossier_page_" + Guid.NewGuid().ToString("N")[..10];
        await using (var connection = new NpgsqlConnection(_app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync();
        }
        _connectionString = new NpgsqlConnectionStringBuilder(_app.ConnectionString) { Database = name }.ConnectionString;
        var folder = RepositoryPaths.CopySeedData(Path.Combine(Path.GetTempPath(), name));
        try
        {
            // The figures are not needed here; the catalogue is.
            File.Delete(Path.Combine(folder, "measurements-2022.csv"));
            await using var db = PostgresServer.CreateContext(_connectionString);
            await db.Database.MigrateAsync();
            await SeedLoader.LoadAsync(db, folder);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
        await using var partitions = new NpgsqlConnection(_connectionString);
        await partitions.OpenAsync();
        await DossierPartitions.EnsureAsync(partitions, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 1));
    }

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await ReadAsync(sql), CultureInfo.InvariantCulture);

    private async Task<string> ReadAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }
}
