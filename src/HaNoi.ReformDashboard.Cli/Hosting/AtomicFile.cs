namespace HaNoi.ReformDashboard.Cli.Hosting;

public static class AtomicFile
{
    /// <summary>Writes beside the target, then renames: a reader never sees a half-written file.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                await write(stream);
            ct.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
