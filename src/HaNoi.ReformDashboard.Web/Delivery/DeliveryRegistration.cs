namespace HaNoi.ReformDashboard.Web.Delivery;

public static class DeliveryRegistration
{
    /// <summary>The monthly e-mail of the briefs: options, recipients, log, the sender and its schedule.</summary>
    public static void AddMonthlyDelivery(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DeliveryOptions>(builder.Configuration.GetSection(DeliveryOptions.Section));
        builder.Services.AddSingleton<IRecipientDirectory, UserAndConfiguredRecipients>();
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddScoped<MonthlyDelivery>();
        builder.Services.AddSingleton<DeliveryScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryScheduler>());
    }
}
