using Microsoft.Extensions.Caching.Memory;

namespace HaNoi.ReformDashboard.Web.Reports;

/// <summary>Configuration section <c>Exports</c>: how many files are made at once and how many may wait.</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Files made at the same time; each holds a scorecard and a whole document in memory.</summary>
    public int Concurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>Requests that may wait for a free place; one more is told the server is busy.</summary>
    public int MaxWaiting { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>A finished file waits this long for its download (the page's link, the browser's retry).</summary>
    public TimeSpan KeepFinished { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Finished files kept at once, in bytes; the oldest go first.</summary>
    public long MaxFinishedBytes { get; set; } = 256L * 1024 * 1024;
}

/// <summary>A made file, whole: its bytes exist only once the writer finished.</summary>
public sealed record ExportFile(byte[] Bytes, string ContentType, string ContentDisposition);

/// <summary>What a job ends with: a file, or a bilingual message with the HTTP status it stands for.</summary>
public sealed record ExportOutcome(ExportFile? File, string? Problem = null, int Status = StatusCodes.Status200OK)
{
    public static ExportOutcome Failed(string problem, int status) => new(null, problem, status);

    /// <summary>A background job's end: what it made went to its caller, not to the kept files.</summary>
    public static ExportOutcome Done { get; } = new(File: null);
}

public enum ExportState { Queued, Generating, Ready, Failed, Cancelled }

/// <summary>One requested file on its way through the <see cref="ExportQueue"/>; <see cref="Changed"/> fires on every step.</summary>
public sealed class ExportJob
{
    private readonly ExportQueue _queue;
    private readonly TaskCompletionSource<ExportOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ExportJob(ExportQueue queue, string owner, long number) => (_queue, Owner, Number) = (queue, owner, number);

    public string Id { get; } = Guid.NewGuid().ToString("N");
    /// <summary>Who asked: only they may fetch the file.</summary>
    public string Owner { get; }
    internal long Number { get; }
    /// <summary>Counts against Concurrency + MaxWaiting (a user's request); a background job's does not.</summary>
    internal bool Counted { get; init; } = true;
    /// <summary>Whether the finished file is kept for a later fetch by its ticket (a page's job), or only handed to the caller (a direct download).</summary>
    internal bool Keep { get; init; } = true;
    internal CancellationTokenSource Cancellation { get; } = new();
    internal Func<CancellationToken, Task<ExportOutcome>> Work { get; init; } = _ => Task.FromResult(ExportOutcome.Failed("", StatusCodes.Status500InternalServerError));
    internal CancellationTokenRegistration Link { get; set; }
    public ExportState State { get; private set; } = ExportState.Queued;
    /// <summary>Place in line while queued (1 = next), else 0.</summary>
    public int Position => State == ExportState.Queued ? _queue.PositionOf(this) : 0;
    public Task<ExportOutcome> Completion => _done.Task;
    public event Action? Changed;

    /// <summary>Gives up the job: a waiting one leaves the line, a running one is told to stop.</summary>
    public void Cancel() => Cancellation.Cancel();

    internal void MoveTo(ExportState state) { State = state; Changed?.Invoke(); }

    internal void Finish(ExportState state, ExportOutcome outcome)
    {
        State = state;
        _done.TrySetResult(outcome);
        Changed?.Invoke();
    }

    internal void NotifyMoved() => Changed?.Invoke();
}

/// <summary>
/// Exports one at a time per core (issue 11): at most <see cref="ExportOptions.Concurrency"/> files are made at
/// once (a <see cref="SemaphoreSlim"/>; whoever gets a slot takes the job at the head of the line, so jobs start in
/// the order they came) and at most
/// <see cref="ExportOptions.MaxWaiting"/> more wait; beyond that a request is refused at once rather than piling up
/// scorecards and documents in memory. Work runs on the thread pool, never on a circuit's thread. A finished file
/// is kept briefly for its owner's download.
/// </summary>
public sealed class ExportQueue : IDisposable
{
    private readonly ExportOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _gate = new();
    private readonly LinkedList<ExportJob> _waiting = new();
    private readonly MemoryCache _finished;
    private int _admitted;
    private long _numbers;
    private int _running;

    private readonly ILogger? _logger;

    public ExportQueue(ExportOptions options, ILogger<ExportQueue>? logger = null)
    {
        _logger = logger;
        _options = options;
        _slots = new SemaphoreSlim(Math.Max(1, options.Concurrency));
        _finished = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.MaxFinishedBytes });
    }

    public int Concurrency => Math.Max(1, _options.Concurrency);
    /// <summary>Jobs being made now.</summary>
    public int Running => Volatile.Read(ref _running);
    public int Waiting { get { lock (_gate) return _waiting.Count; } }

    /// <summary>
    /// Queues <paramref name="work"/> for <paramref name="owner"/>, or returns null when the line is full (the caller says
    /// the server is busy). The work receives a token that the job's <see cref="ExportJob.Cancel"/> and
    /// <paramref name="ct"/> (a closed request or page) both cancel.
    /// </summary>
    /// <param name="keep">False for a file served at once from <see cref="ExportJob.Completion"/>: nobody fetches it again, so it takes no room.</param>
    public ExportJob? TryEnqueue(string owner, Func<CancellationToken, Task<ExportOutcome>> work, CancellationToken ct = default, bool keep = true)
    {
        if (Interlocked.Increment(ref _admitted) > Concurrency + Math.Max(0, _options.MaxWaiting))
        {
            Interlocked.Decrement(ref _admitted);
            return null;
        }
        return Admit(owner, work, counted: true, ct, keep);
    }

    /// <summary>
    /// Runs <paramref name="work"/> for a background job (the monthly delivery) when its turn comes and returns what it
    /// made. It joins the same line as users' files and takes one of the same slots, but is never refused — a job
    /// cannot come back later as a user can — and does not count against <see cref="ExportOptions.MaxWaiting"/>, so no
    /// user is turned away because of it. One call is one file: a run of hundreds of briefs holds one place at a time
    /// and never stands ahead of users' downloads as a block. <paramref name="ct"/> takes it out of the line or stops it.
    /// </summary>
    public async Task<T> RunInTurnAsync<T>(string owner, Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        var made = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = Admit(owner, async token =>
        {
            try
            {
                made.TrySetResult(await work(token));
            }
            catch (Exception ex)
            {
                made.TrySetException(ex);
            }
            return ExportOutcome.Done;
        }, counted: false, ct);
        await job.Completion;
        // Withdrawn before its turn: the work never ran.
        if (!made.Task.IsCompleted) throw new OperationCanceledException(ct);
        return await made.Task;
    }

    /// <summary>A job has joined the line (after <see cref="TryEnqueue"/> or <see cref="RunInTurnAsync"/>).</summary>
    public event Action<ExportJob>? Queued;

    private ExportJob Admit(string owner, Func<CancellationToken, Task<ExportOutcome>> work, bool counted, CancellationToken ct, bool keep = false)
    {
        ExportJob job;
        lock (_gate)
        {
            job = new ExportJob(this, owner, ++_numbers) { Work = work, Counted = counted, Keep = keep };
            _waiting.AddLast(job);
        }
        // A job cancelled while it waits leaves the line at once; a running one is stopped by its token.
        job.Cancellation.Token.Register(() => Withdraw(job));
        job.Link = ct.CanBeCanceled ? ct.Register(job.Cancel) : default;
        Queued?.Invoke(job);
        // One worker per job: it waits for a slot, then runs the job at the head of the line (not necessarily this one).
        _ = Task.Run(RunNextAsync);
        return job;
    }

    /// <summary>A finished file of this owner, while it is kept.</summary>
    public ExportFile? Finished(string id, string owner) =>
        _finished.TryGetValue(id, out (string Owner, ExportFile File) entry) && entry.Owner == owner ? entry.File : null;

    internal int PositionOf(ExportJob job)
    {
        lock (_gate)
        {
            var position = 1;
            for (var node = _waiting.First; node is not null; node = node.Next, position++)
                if (node.Value == job) return position;
            return 0;
        }
    }

    private async Task RunNextAsync()
    {
        await _slots.WaitAsync();
        ExportJob? job;
        List<ExportJob> behind;
        lock (_gate)
        {
            job = _waiting.First?.Value;
            if (job is not null) _waiting.RemoveFirst();
            behind = [.. _waiting];
        }
        if (job is null)
        {
            // This worker's job was withdrawn before a slot came free.
            _slots.Release();
            return;
        }
        foreach (var moved in behind) moved.NotifyMoved();

        var token = job.Cancellation.Token;
        ExportState state;
        ExportOutcome outcome;
        Interlocked.Increment(ref _running);
        try
        {
            job.MoveTo(ExportState.Generating);
            token.ThrowIfCancellationRequested();
            outcome = await job.Work(token);
            token.ThrowIfCancellationRequested();
            if (outcome.File is { } file && job.Keep)
                _finished.Set(job.Id, (job.Owner, file), new MemoryCacheEntryOptions { Size = Math.Max(1, file.Bytes.Length), AbsoluteExpirationRelativeToNow = _options.KeepFinished });
            state = outcome.Problem is null ? ExportState.Ready : ExportState.Failed;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            (state, outcome) = (ExportState.Cancelled, ExportOutcome.Failed("", StatusCodes.Status499ClientClosedRequest));
        }
        catch (Exception ex)
        {
            // The work reports its own failures as outcomes; this is the last guard, so a job never hangs.
            _logger?.LogError(ex, "Export job {Job} failed", job.Id);
            (state, outcome) = (ExportState.Failed, ExportOutcome.Failed(ReportExports.InternalError, StatusCodes.Status500InternalServerError));
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _slots.Release();
            if (job.Counted) Interlocked.Decrement(ref _admitted);
            await job.Link.DisposeAsync();
        }
        // Only now, with its place given back, does the job report its end: whoever waits on it may queue again.
        job.Finish(state, outcome);
    }

    /// <summary>A waiting job given up: out of the line, its place given back, its end reported.</summary>
    private void Withdraw(ExportJob job)
    {
        if (!Leave(job)) return;
        if (job.Counted) Interlocked.Decrement(ref _admitted);
        job.Link.Dispose();
        job.Finish(ExportState.Cancelled, ExportOutcome.Failed("", StatusCodes.Status499ClientClosedRequest));
    }

    /// <summary>Takes the job out of the line; the ones behind it move up.</summary>
    private bool Leave(ExportJob job)
    {
        List<ExportJob> behind;
        lock (_gate)
        {
            var node = _waiting.Find(job);
            if (node is null) return false;
            behind = [];
            for (var next = node.Next; next is not null; next = next.Next) behind.Add(next.Value);
            _waiting.Remove(node);
        }
        foreach (var moved in behind) moved.NotifyMoved();
        return true;
    }

    public void Dispose()
    {
        _finished.Dispose();
        _slots.Dispose();
    }
}
