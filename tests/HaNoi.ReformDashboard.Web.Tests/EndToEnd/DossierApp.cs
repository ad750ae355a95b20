using Microsoft.Playwright;

namespace HaNoi.ReformDashboard.Web.Tests.EndToEnd;

/// <summary>
/// The dashboard of its own for the dossier import tests: importing dossiers moves the six figures counted from them,
/// which the shared app's tests read from the demo, so those figures stay untouched there.
/// </summary>
public sealed class DossierApp : DashboardApp
{
    /// <summary>No upload may outlive its page: the folder the uploads wait in holds no file once a test's work is done.</summary>
    public static string[] UploadsLeft() =>
        Directory.Exists(HaNoi.ReformDashboard.Web.Import.DossierUpload.Folder) ? Directory.GetFiles(HaNoi.ReformDashboard.Web.Import.DossierUpload.Folder) : [];

    /// <summary>Sets a file on the page's file input, as bytes (a path would be read by the browser after the test moved on).</summary>
    public static Task UploadAsync(IPage page, string name, byte[] content) =>
        page.GetByTestId("dossier-file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = content });
}

/// <summary>The page's component tests and its browser test share the app, one at a time: they watch the same upload folder.</summary>
[CollectionDefinition(Name)]
public sealed class DossierCollection : ICollectionFixture<DossierApp>
{
    public const string Name = "dossier-import";
}
