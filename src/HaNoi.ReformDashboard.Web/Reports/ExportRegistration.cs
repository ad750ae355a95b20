using HaNoi.ReformDashboard.Web.Resources;

namespace HaNoi.ReformDashboard.Web.Reports;

public static class ExportRegistration
{
    /// <summary>The export queue (section <c>Exports</c>) and the report maker the download endpoint and the pages share.</summary>
    public static void AddReportExports(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ExportOptions.Section).Get<ExportOptions>() ?? new ExportOptions();
        if (options.Concurrency < 1 || options.MaxWaiting < 0)
            throw new InvalidOperationException(WebText.Both("ExportsConcurrencyMustBeAt", options.Concurrency, options.MaxWaiting));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new ExportQueue(options, sp.GetRequiredService<ILogger<ExportQueue>>()));
        builder.Services.AddSingleton<ReportFileWriter>();
        builder.Services.AddSingleton<ReportExports>();
    }
}
