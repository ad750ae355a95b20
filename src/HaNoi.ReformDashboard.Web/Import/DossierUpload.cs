using Microsoft.AspNetCore.Components.Forms;

namespace HaNoi.ReformDashboard.Web.Import;

/// <summary>
/// An uploaded dossier file, held in a temporary file of its own between the check and the import: a file of up to
/// the dossier size cap (gigabytes) never sits in the circuit's memory, and both readings of
/// <see cref="Data.Dossiers.DossierImport"/> see the same bytes. Disposing deletes the file.
/// </summary>
public sealed class DossierUpload : IDisposable
{
    /// <summary>Where uploads wait; one file per upload, readable by the app's own user only.</summary>
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "reform-dossier-uploads");

    /// <summary>Progress is told at most once per this many bytes read: often enough to watch, seldom enough not to flood the circuit.</summary>
    private const long ReportEvery = 1024 * 1024;

    private readonly FileStream _file;
    private readonly ReadingStream _reading;

    private DossierUpload(string fileName, FileStream file)
    {
        FileName = fileName;
        _file = file;
        _reading = new ReadingStream(file);
    }

    /// <summary>The name the user's file had (its extension tells CSV from JSON Lines).</summary>
    public string FileName { get; }

    public long Size => _file.Length;

    /// <summary>The file from its start, seekable; reading it tells <see cref="Reading"/>.</summary>
    public Stream Content
    {
        get
        {
            // Through the wrapper, so each reading's progress starts again from nought.
            _reading.Position = 0;
            return _reading;
        }
    }

    /// <summary>Told the bytes read so far while a check or an import reads <see cref="Content"/>.</summary>
    public Action<long>? Reading
    {
        get => _reading.Reading;
        set => _reading.Reading = value;
    }

    /// <summary>Streams the browser's file to a new temporary file, telling <paramref name="received"/> the bytes so far.</summary>
    public static async Task<DossierUpload> ReceiveAsync(IBrowserFile file, long maxBytes, Action<long> received, CancellationToken ct)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 81920,
            // Gone when disposed, whatever path the page took (imported, refused, cancelled, left).
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
        }
        else
        {
            Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var stream = new FileStream(Path.Combine(Folder, $"{Guid.NewGuid():N}.upload"), options);
        try
        {
            await using (var source = file.OpenReadStream(maxBytes, ct))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, ct)) > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, read), ct);
                    received(total += read);
                }
            }
            await stream.FlushAsync(ct);
            return new DossierUpload(file.Name, stream);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        _reading.Reading = null;
        _file.Dispose();
    }

    /// <summary>The temporary file as the import reads it: every call passes through, the position is told now and then.</summary>
    private sealed class ReadingStream(FileStream inner) : Stream
    {
        private long _lastTold = -ReportEvery;

        public Action<long>? Reading { get; set; }

        private int Told(int n)
        {
            var position = inner.Position;
            if (Reading is { } tell && (position - _lastTold >= ReportEvery || n == 0))
            {
                _lastTold = position;
                tell(position);
            }
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Told(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Told(inner.Read(buffer));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Told(await inner.ReadAsync(buffer, cancellationToken));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set
            {
                inner.Position = value;
                _lastTold = value - ReportEvery;
            }
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            var at = inner.Seek(offset, origin);
            _lastTold = at - ReportEvery;
            return at;
        }

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        // The temporary file belongs to the upload, which disposes it: the import's readers closing this wrapper must not.
        protected override void Dispose(bool disposing) { }
    }
}
