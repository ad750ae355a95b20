using HaNoi.ReformDashboard.Web.Reports;

namespace HaNoi.ReformDashboard.Web.Tests.Reports;

/// <summary>
/// The export queue with work that waits on a gate the test opens: what runs, what waits, what is refused. No
/// clocks: every step waits for a state the queue reports.
/// </summary>
public sealed class ExportQueueTests
{
    private static readonly ExportFile Made = new([1, 2, 3], "application/octet-stream", "attachment; filename=\"x\"");

    /// <summary>Work that says when it started, counts how many run at once, and ends when the gate opens (or its token cancels).</summary>
    private sealed class GatedWork
    {
        private int _now;
        public int MaxAtOnce;
        public readonly TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly SemaphoreSlim Started = new(0);

        public async Task<ExportOutcome> RunAsync(CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _now);
            InterlockedMax(ref MaxAtOnce, now);
            Started.Release();
            try
            {
                await Gate.Task.WaitAsync(ct);
                return new ExportOutcome(Made);
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
                if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
        }
    }

    private static ExportQueue Queue(int concurrency, int maxWaiting) => new(new ExportOptions { Concurrency = concurrency, MaxWaiting = maxWaiting });

    [Fact]
    public async Task Never_more_jobs_run_at_once_than_the_concurrency_and_the_rest_wait_in_order()
    {
        using var queue = Queue(concurrency: 2, maxWaiting: 10);
        var work = new GatedWork();

        var jobs = Enumerable.Range(0, 8).Select(_ => queue.TryEnqueue("leader", work.RunAsync)!).ToList();
        await work.Started.WaitAsync();
        await work.Started.WaitAsync();

        queue.Running.Should().Be(2);
        jobs.Take(2).Should().OnlyContain(j => j.State == ExportState.Generating);
        jobs.Skip(2).Select(j => j.State).Should().AllBeEquivalentTo(ExportState.Queued);
        jobs.Skip(2).Select(j => j.Position).Should().Equal(1, 2, 3, 4, 5, 6);

        work.Gate.SetResult();
        var outcomes = await Task.WhenAll(jobs.Select(j => j.Completion));

        outcomes.Should().OnlyContain(o => o.File == Made);
        jobs.Should().OnlyContain(j => j.State == ExportState.Ready);
        work.MaxAtOnce.Should().Be(2);
        queue.Running.Should().Be(0);
        queue.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task A_full_queue_refuses_at_once_and_takes_work_again_when_a_place_frees()
    {
        using var queue = Queue(concurrency: 1, maxWaiting: 2);
        var work = new GatedWork();
        var running = queue.TryEnqueue("a", work.RunAsync)!;
        await work.Started.WaitAsync();
        var waiting = new[] { queue.TryEnqueue("b", work.RunAsync), queue.TryEnqueue("c", work.RunAsync) };

        waiting.Should().NotContainNulls();
        queue.TryEnqueue("d", work.RunAsync).Should().BeNull("one running and two waiting fill a queue of 1 + 2");

        work.Gate.SetResult();
        await Task.WhenAll(waiting.Select(j => j!.Completion).Append(running.Completion));
        var later = queue.TryEnqueue("d", work.RunAsync);
        later.Should().NotBeNull();
        (await later!.Completion).File.Should().Be(Made);
    }

    [Fact]
    public async Task Cancelling_frees_the_place_of_a_waiting_job_and_the_slot_of_a_running_one()
    {
        using var queue = Queue(concurrency: 1, maxWaiting: 1);
        var work = new GatedWork();
        var running = queue.TryEnqueue("a", work.RunAsync)!;
        await work.Started.WaitAsync();
        var waiting = queue.TryEnqueue("b", work.RunAsync)!;
        queue.TryEnqueue("c", work.RunAsync).Should().BeNull();

        waiting.Cancel();
        await waiting.Completion;
        waiting.State.Should().Be(ExportState.Cancelled);
        var third = queue.TryEnqueue("c", work.RunAsync)!;
        third.Should().NotBeNull("the cancelled job gave its place back");
        third.Position.Should().Be(1);

        running.Cancel();
        await running.Completion;
        running.State.Should().Be(ExportState.Cancelled);
        await work.Started.WaitAsync(); // the slot went to the next job, whose work now runs
        third.State.Should().Be(ExportState.Generating);
        queue.Running.Should().Be(1);
        queue.Finished(running.Id, "a").Should().BeNull("a cancelled job leaves no file");
    }

    [Fact]
    public async Task A_closed_request_cancels_its_job_through_the_callers_token()
    {
        using var queue = Queue(concurrency: 1, maxWaiting: 1);
        var work = new GatedWork();
        using var request = new CancellationTokenSource();
        var job = queue.TryEnqueue("a", work.RunAsync, request.Token)!;
        await work.Started.WaitAsync();

        await request.CancelAsync();
        await job.Completion;

        job.State.Should().Be(ExportState.Cancelled);
        queue.Running.Should().Be(0);
    }

    [Fact]
    public async Task A_finished_file_is_handed_only_to_its_owner()
    {
        using var queue = Queue(concurrency: 1, maxWaiting: 0);
        var job = queue.TryEnqueue("leader", _ => Task.FromResult(new ExportOutcome(Made)))!;
        await job.Completion;

        queue.Finished(job.Id, "leader").Should().Be(Made);
        queue.Finished(job.Id, "someone-else").Should().BeNull();
        queue.Finished(Guid.NewGuid().ToString("N"), "leader").Should().BeNull();
    }

    [Fact]
    public async Task A_direct_download_is_handed_over_by_its_job_and_not_kept_for_a_later_fetch()
    {
        using var queue = Queue(concurrency: 1, maxWaiting: 0);
        var job = queue.TryEnqueue("leader", _ => Task.FromResult(new ExportOutcome(Made)), keep: false)!;

        var outcome = await job.Completion;

        outcome.File.Should().Be(Made);
        queue.Finished(job.Id, "leader").Should().BeNull("a file served at once takes no room among the kept ones");
    }

    [Fact]
    public async Task Work_that_throws_fails_with_the_bilingual_message_and_frees_its_slot()
    {
        using var queue = Queue(concurrency: 1, maxWaiting: 0);
        var job = queue.TryEnqueue("leader", _ => throw new InvalidOperationException("boom"))!;

        var outcome = await job.Completion;

        job.State.Should().Be(ExportState.Failed);
        outcome.Problem.Should().Be(ReportExports.InternalError).And.NotContain("boom");
        (await queue.TryEnqueue("leader", _ => Task.FromResult(new ExportOutcome(Made)))!.Completion).File.Should().Be(Made);
    }

    [Fact]
    public async Task A_background_job_waits_its_turn_in_the_same_line_never_refused_and_not_counted_against_the_waiting_room()
    {
        using var queue = Queue(concurrency: 1, maxWaiting: 1);
        var work = new GatedWork();
        var order = new List<string>();
        var running = queue.TryEnqueue("user-a", work.RunAsync)!;
        await work.Started.WaitAsync();
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Queued += job => { if (job.Owner == "delivery") queued.TrySetResult(); };

        var background = queue.RunInTurnAsync("delivery", async ct =>
        {
            lock (order) order.Add("delivery");
            await Task.Yield();
            return 42;
        });
        await queued.Task;
        var user = queue.TryEnqueue("user-b", async ct =>
        {
            lock (order) order.Add("user-b");
            return await Task.FromResult(new ExportOutcome(Made));
        });

        user.Should().NotBeNull("the background job does not take the waiting room's one place");
        (queue.Running, queue.Waiting).Should().Be((1, 2));
        queue.TryEnqueue("user-c", work.RunAsync).Should().BeNull("the waiting room is full for users");
        background.IsCompleted.Should().BeFalse("the slot is taken");

        work.Gate.SetResult();
        (await background).Should().Be(42);
        (await user!.Completion).File.Should().Be(Made);
        order.Should().Equal("delivery", "user-b");
        (queue.Running, queue.Waiting).Should().Be((0, 0));
    }

    [Fact]
    public async Task A_background_job_given_up_in_line_never_runs_and_its_failure_reaches_its_caller()
    {
        using var queue = Queue(concurrency: 1, maxWaiting: 0);
        var work = new GatedWork();
        var running = queue.TryEnqueue("user", work.RunAsync)!;
        await work.Started.WaitAsync();
        using var stop = new CancellationTokenSource();
        var ran = false;
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Queued += job => { if (job.Owner == "delivery") queued.TrySetResult(); };

        var given = queue.RunInTurnAsync("delivery", _ => { ran = true; return Task.FromResult(1); }, stop.Token);
        await queued.Task;
        await stop.CancelAsync();

        await given.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        queue.Waiting.Should().Be(0);
        work.Gate.SetResult();
        await running.Completion;
        ran.Should().BeFalse();
        await queue.Invoking(q => q.RunInTurnAsync<int>("delivery", _ => throw new InvalidOperationException("no font")))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("no font");
        (queue.Running, queue.Waiting).Should().Be((0, 0));
    }
}
