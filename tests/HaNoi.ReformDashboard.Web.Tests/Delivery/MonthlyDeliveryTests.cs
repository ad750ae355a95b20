using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HaNoi.ReformDashboard.Data;
using HaNoi.ReformDashboard.Data.Accounts;
using HaNoi.ReformDashboard.Data.Scorecards;
using HaNoi.ReformDashboard.Domain.Periods;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Testing;
using HaNoi.ReformDashboard.Web.Delivery;
using HaNoi.ReformDashboard.Web.Reports;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using UglyToad.PdfPig;

namespace HaNoi.ReformDashboard.Web.Tests.Delivery;

[CollectionDefinition(Name)]
public sealed class DeliveryPostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "delivery-postgres";
}

/// <summary>The monthly delivery against a real SMTP server in this process and the demo data in PostgreSQL.</summary>
[Collection(DeliveryPostgresCollection.Name)]
public sealed class MonthlyDeliveryTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly Mailbox _mailbox = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private int _port;
    private Task _smtp = Task.CompletedTask;

    public Task InitializeAsync()
    {
        // A free port chosen by the system, never a fixed one.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, _port))).Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(_mailbox);
        provider.Add(new RefusedMailboxes());
        _smtp = new SmtpServer.SmtpServer(options, provider).StartAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _smtp; } catch (OperationCanceledException) { }
    }

    private string Address(string who) => $"{who}-{_run}@example.vn";

    /// <summary>The delivery as the app wires it, on the demo database or on <paramref name="connectionString"/>
    /// (migrated, accounts included, and seeded with the demo data), making its briefs through <paramref name="queue"/>.</summary>
    private async Task<ServiceProvider> ServicesAsync(Action<DeliveryOptions> configure, string? connectionString = null, ExportQueue? queue = null)
    {
        var seed = connectionString is null ? null : RepositoryPaths.SeedData;
        connectionString ??= await postgres.DemoAsync();
        var factory = postgres.Factory(connectionString);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(factory);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ScorecardService(factory, TimeProvider.System));
        services.AddSingleton(queue ?? new ExportQueue(new ExportOptions()));
        services.Configure<DeliveryOptions>(o =>
        {
            o.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = _port, Security = SecureSocketOptions.None };
            o.RetryDelay = TimeSpan.Zero;
            configure(o);
        });
        services.AddAccountStore(connectionString);
        services.AddSingleton<IRecipientDirectory, UserAndConfiguredRecipients>();
        services.AddSingleton<DeliveryLog>();
        services.AddScoped<MonthlyDelivery>();
        services.AddSingleton<DeliveryScheduler>();
        var provider = services.BuildServiceProvider();
        await provider.InitializeReformDatabaseAsync(seed);
        return provider;
    }

    [Fact]
    public async Task The_delivery_log_comes_from_the_accounts_migrations_before_anything_is_sent()
    {
        var database = await postgres.CreateDatabaseAsync("delivery_schema_" + _run);
        await using var services = await ServicesAsync(_ => { }, database);

        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var table = new Npgsql.NpgsqlCommand("SELECT to_regclass('accounts.delivery_log') IS NOT NULL", connection);
        ((bool)(await table.ExecuteScalarAsync())!).Should().BeTrue("the migration creates it; nothing has been logged yet");
        await using var history = new Npgsql.NpgsqlCommand("SELECT count(*) FROM accounts.__accounts_migrations WHERE \"MigrationId\" LIKE '%DeliveryLog'", connection);
        ((long)(await history.ExecuteScalarAsync())!).Should().Be(1);
        (await services.GetRequiredService<DeliveryLog>().LatestAsync(10, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Users_get_the_brief_of_their_role_and_unit_beside_the_configured_lists_and_users_without_mail_or_locked_out_get_none()
    {
        // A database of its own: these users must not receive the other tests' briefs.
        var database = await postgres.CreateDatabaseAsync("delivery_users_" + _run);
        await using var services = await ServicesAsync(o =>
        {
            o.Leaders = [Address("lanh-dao-cau-hinh")];
            o.DepartmentHeads = new() { ["SNV"] = [Address("giam-doc-snv")] };
        }, database);
        await using (var scope = services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountDirectory>();
            const string password = "Th1s-is-a-test-only!";
            // An account's e-mail is its user name when that is an address.
            (await accounts.AddAsync(Address("truong-268"), Roles.DepartmentHead, "268", password)).Ok.Should().BeTrue();
            (await accounts.AddAsync(Address("chu-tich"), Roles.Leader, null, password)).Ok.Should().BeTrue();
            (await accounts.AddAsync("khong-thu-" + _run, Roles.DepartmentHead, "SNV", password)).Ok.Should().BeTrue();
            (await accounts.AddAsync(Address("bi-khoa"), Roles.Leader, null, password)).Ok.Should().BeTrue();
            (await accounts.AddAsync(Address("van-phong"), Roles.ReformOffice, null, password)).Ok.Should().BeTrue();
            var locked = (await accounts.ListAsync()).Single(a => a.UserName == Address("bi-khoa"));
            (await accounts.SetLockedAsync(locked.Id, true)).Ok.Should().BeTrue();
        }

        var result = await services.GetRequiredService<DeliveryScheduler>().RunOnceAsync(new DateOnly(2023, 1, 5), CancellationToken.None);

        result!.Should().Be(new DeliveryResult(Sent: 4, Failed: 0, Skipped: 0));
        var mails = _mailbox.For(_run).ToDictionary(m => m.To.Mailboxes.Single().Address, m => m.Subject);
        mails.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            [Address("truong-268")] = "Tóm tắt kết quả CCHC — Quận Hà Đông — Tháng 12/2022",
            [Address("chu-tich")] = "Tóm tắt kết quả CCHC — Thành phố Hà Nội — Tháng 12/2022",
            [Address("lanh-dao-cau-hinh")] = "Tóm tắt kết quả CCHC — Thành phố Hà Nội — Tháng 12/2022",
            [Address("giam-doc-snv")] = "Tóm tắt kết quả CCHC — Sở Nội vụ — Tháng 12/2022",
        });
    }

    [Fact]
    public async Task Each_department_head_gets_their_units_brief_and_each_leader_the_citys_once_and_an_unknown_unit_is_skipped()
    {
        await using var services = await ServicesAsync(o =>
        {
            o.Leaders = [Address("lanh-dao")];
            o.DepartmentHeads = new() { ["SNV"] = [Address("giam-doc-snv")], ["268"] = [Address("truong-phong-268")], ["NOPE"] = [Address("khong-co")] };
        });
        var scheduler = services.GetRequiredService<DeliveryScheduler>();

        // Run on 5 January 2023: the briefs of December 2022.
        var result = await scheduler.RunOnceAsync(new DateOnly(2023, 1, 5), CancellationToken.None);

        result!.Should().Be(new DeliveryResult(Sent: 3, Failed: 0, Skipped: 1));
        var mails = _mailbox.For(_run);
        mails.Select(m => m.To.Mailboxes.Single().Address).Should().BeEquivalentTo([Address("lanh-dao"), Address("giam-doc-snv"), Address("truong-phong-268")]);
        var card = (await services.GetRequiredService<ScorecardService>().GetAsync(new ScorecardRequest(2022, Period.Month(2022, 12), ScorecardScope.ForUnit("SNV"))))!;
        var snv = mails.Single(m => m.To.Mailboxes.Single().Address == Address("giam-doc-snv"));
        var attachment = (MimePart)snv.Attachments.Single();
        attachment.FileName.Should().Be("Tóm tắt tháng 12-2022 - Sở Nội vụ.pdf");
        snv.Subject.Should().Be("Tóm tắt kết quả CCHC — Sở Nội vụ — Tháng 12/2022");
        using (var pdf = new MemoryStream())
        {
            await attachment.Content!.DecodeToAsync(pdf);
            using var document = PdfDocument.Open(pdf.ToArray());
            var text = document.GetPage(1).Text.Replace(" ", "");
            document.NumberOfPages.Should().Be(1);
            text.Should().Contain("SởNộivụ—Tháng12/2022").And.Contain(FigureFormat.Score(card.Unit("SNV")!.Score, FigureFormat.Vietnamese) + "/100");
        }
        ((MimePart)mails.Single(m => m.To.Mailboxes.Single().Address == Address("lanh-dao")).Attachments.Single()).FileName.Should().Be("Tóm tắt tháng 12-2022.pdf");

        var log = (await services.GetRequiredService<DeliveryLog>().LatestAsync(500, CancellationToken.None)).Where(e => e.Recipient.Contains(_run)).ToList();
        log.Where(e => e.Status == DeliveryStatus.Sent).Should().HaveCount(3).And.OnlyContain(e => e.Period == "2022-12" && e.Attempt == 1);
        log.Should().ContainSingle(e => e.Status == DeliveryStatus.Skipped).Which.Should().Match<DeliveryEntry>(e => e.UnitCode == "NOPE" && e.Detail == DeliveryLog.UnitNotFound);

        // Run again (a second instance, or send-now after the schedule): nobody gets a second copy.
        (await scheduler.RunOnceAsync(new DateOnly(2023, 1, 5), CancellationToken.None))!.Sent.Should().Be(0);
        _mailbox.For(_run).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_refused_mail_is_retried_and_both_attempts_are_logged()
    {
        _mailbox.RefuseNext(Address("thu-lai"));
        await using var services = await ServicesAsync(o => o.DepartmentHeads = new() { ["SNV"] = [Address("thu-lai")] });

        var result = await services.GetRequiredService<DeliveryScheduler>().RunOnceAsync(new DateOnly(2023, 1, 5), CancellationToken.None);

        result!.Should().Be(new DeliveryResult(1, 0, 0));
        _mailbox.For(_run).Should().ContainSingle();
        var log = (await services.GetRequiredService<DeliveryLog>().LatestAsync(500, CancellationToken.None))
            .Where(e => e.Recipient == Address("thu-lai")).OrderBy(e => e.Id).ToList();
        log.Select(e => (e.Status, e.Attempt)).Should().Equal((DeliveryStatus.Failed, 1), (DeliveryStatus.Sent, 2));
        log[0].Detail.Should().StartWith("SMTP 554", "the server's refusal is kept");
    }

    [Fact]
    public async Task A_malformed_address_and_one_the_server_refuses_are_logged_and_skipped_and_the_others_still_get_their_brief()
    {
        var malformed = $"giam-doc-snv-{_run}.example.vn"; // the @ forgotten in a configured list
        var refused = $"{RefusedMailboxes.Prefix}{_run}@example.vn";
        await using var services = await ServicesAsync(o =>
        {
            o.Leaders = [Address("lanh-dao-van-nhan")];
            o.DepartmentHeads = new() { ["SNV"] = [malformed, refused, Address("pho-giam-doc-snv")], ["268"] = [Address("truong-268-van-nhan")] };
        });

        var result = await services.GetRequiredService<DeliveryScheduler>().RunOnceAsync(new DateOnly(2023, 1, 5), CancellationToken.None);

        result!.Should().Be(new DeliveryResult(Sent: 3, Failed: 2, Skipped: 0));
        _mailbox.For(_run).Select(m => m.To.Mailboxes.Single().Address)
            .Should().BeEquivalentTo([Address("lanh-dao-van-nhan"), Address("pho-giam-doc-snv"), Address("truong-268-van-nhan")]);
        var log = (await services.GetRequiredService<DeliveryLog>().LatestAsync(500, CancellationToken.None)).Where(e => e.Recipient.Contains(_run)).ToList();
        log.Where(e => e.Status == DeliveryStatus.Sent).Select(e => e.Recipient)
            .Should().BeEquivalentTo([Address("lanh-dao-van-nhan"), Address("pho-giam-doc-snv"), Address("truong-268-van-nhan")]);
        log.Where(e => e.Recipient == malformed).Should().ContainSingle()
            .Which.Should().Match<DeliveryEntry>(e => e.Status == DeliveryStatus.Failed && e.Detail == DeliveryLog.BadAddress && e.UnitCode == "SNV");
        log.Where(e => e.Recipient == refused).Should().ContainSingle("a mailbox the server refuses is not asked for again")
            .Which.Should().Match<DeliveryEntry>(e => e.Status == DeliveryStatus.Failed && e.Detail!.StartsWith("SMTP 550"));
    }

    [Fact]
    public async Task Two_instances_at_once_send_each_brief_once()
    {
        await using var services = await ServicesAsync(o => o.DepartmentHeads = new() { ["SNV"] = [Address("a")], ["268"] = [Address("b")] });
        await using var other = await ServicesAsync(o => o.DepartmentHeads = new() { ["SNV"] = [Address("a")], ["268"] = [Address("b")] });

        await Task.WhenAll(
            services.GetRequiredService<DeliveryScheduler>().RunOnceAsync(new DateOnly(2023, 1, 5), CancellationToken.None),
            other.GetRequiredService<DeliveryScheduler>().RunOnceAsync(new DateOnly(2023, 1, 5), CancellationToken.None));

        _mailbox.For(_run).Select(m => m.To.Mailboxes.Single().Address).Should().BeEquivalentTo([Address("a"), Address("b")]);
    }

    [Fact]
    public async Task The_delivery_makes_its_briefs_in_the_export_queue_one_at_a_time_waits_while_the_slots_are_taken_and_goes_on_when_one_frees()
    {
        // Two files at a time and no room to wait: two users' downloads hold both slots.
        using var queue = new ExportQueue(new ExportOptions { Concurrency = 2, MaxWaiting = 0 });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new SemaphoreSlim(0);
        async Task<ExportOutcome> Download(CancellationToken ct)
        {
            started.Release();
            await gate.Task.WaitAsync(ct);
            return new ExportOutcome(new ExportFile([37, 80, 68, 70], "application/pdf", "attachment; filename=\"x.pdf\""));
        }
        var downloads = new[] { queue.TryEnqueue("lanh-dao-1", Download)!, queue.TryEnqueue("lanh-dao-2", Download)! };
        await started.WaitAsync();
        await started.WaitAsync();

        var deliveryJobs = new List<ExportJob>();
        var overlapped = false;
        var firstQueued = new TaskCompletionSource<ExportJob>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Queued += job =>
        {
            if (job.Owner != MonthlyDelivery.QueueOwner) return;
            lock (deliveryJobs)
            {
                overlapped |= deliveryJobs.Any(j => !j.Completion.IsCompleted);
                deliveryJobs.Add(job);
            }
            firstQueued.TrySetResult(job);
        };
        await using var services = await ServicesAsync(o =>
        {
            o.Leaders = [Address("cho-luot-lanh-dao")];
            o.DepartmentHeads = new() { ["SNV"] = [Address("cho-luot-snv")], ["268"] = [Address("cho-luot-268")] };
        }, queue: queue);

        var delivery = services.GetRequiredService<DeliveryScheduler>().RunOnceAsync(new DateOnly(2023, 1, 5), CancellationToken.None);
        var waiting = await firstQueued.Task;

        waiting.State.Should().Be(ExportState.Queued, "both slots are making users' files");
        (queue.Running, queue.Waiting).Should().Be((2, 1));
        queue.TryEnqueue("nguoi-dung-3", Download).Should().BeNull("the line is full for users, yet the delivery was taken in");
        _mailbox.For(_run).Should().BeEmpty("no brief is made while the slots are taken");
        delivery.IsCompleted.Should().BeFalse();

        gate.SetResult();
        (await Task.WhenAll(downloads.Select(d => d.Completion))).Should().OnlyContain(o => o.File != null);
        (await delivery)!.Should().Be(new DeliveryResult(Sent: 3, Failed: 0, Skipped: 0));

        _mailbox.For(_run).Select(m => m.To.Mailboxes.Single().Address)
            .Should().BeEquivalentTo([Address("cho-luot-lanh-dao"), Address("cho-luot-snv"), Address("cho-luot-268")]);
        deliveryJobs.Should().HaveCount(3).And.OnlyContain(j => j.State == ExportState.Ready);
        overlapped.Should().BeFalse("the delivery holds one place in the line at a time");
        (queue.Running, queue.Waiting).Should().Be((0, 0));
    }

    /// <summary>The SMTP server refuses (550 at RCPT TO) every mailbox whose name starts with <see cref="Prefix"/>.</summary>
    private sealed class RefusedMailboxes : IMailboxFilter
    {
        public const string Prefix = "khong-ton-tai-";

        public Task<bool> CanAcceptFromAsync(ISessionContext context, SmtpServer.Mail.IMailbox from, int size, CancellationToken ct) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken ct) =>
            Task.FromResult(!to.User.StartsWith(Prefix, StringComparison.Ordinal));
    }

    /// <summary>The SMTP server's store: keeps every message; refuses the first delivery to an address when told to.</summary>
    private sealed class Mailbox : MessageStore
    {
        private readonly ConcurrentQueue<MimeMessage> _messages = new();
        private readonly ConcurrentDictionary<string, bool> _refuse = new();

        public void RefuseNext(string address) => _refuse[address] = true;

        public IReadOnlyList<MimeMessage> For(string run) =>
            _messages.Where(m => m.To.Mailboxes.Any(a => a.Address.Contains(run, StringComparison.Ordinal))).ToList();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            var to = transaction.To.Select(t => $"{t.User}@{t.Host}").ToList();
            if (to.Any(a => _refuse.TryRemove(a, out _))) return SmtpResponse.TransactionFailed;
            using var stream = new MemoryStream(buffer.ToArray());
            _messages.Enqueue(await MimeMessage.LoadAsync(stream, ct));
            return SmtpResponse.Ok;
        }
    }
}
