using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Notifications.Channels.Apns;
using Notifications.Channels.Email;
using Notifications.Channels.Email.Bounces;
using Notifications.Channels.Fcm;
using Notifications.Channels.Resilience;
using Notifications.Channels.Sms;
using Notifications.Channels.Webhook;
using Notifications.Channels.WhatsApp;
using Notifications.Channels.WebPush;
using Notifications.Application;
using Notifications.Delivery;

namespace Microsoft.Extensions.DependencyInjection;

public static class ChannelServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IChannelSender"/> (behind a rate limiter and circuit breaker) for every provider whose
    /// <c>Channels:*</c> section exists. Configuration is validated at start-up.
    /// </summary>
    public static IServiceCollection AddNotificationChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProviderHealthRegistry>();
        // The senders register their trackers when they are built: build them now, so a provider shows before its first send.
        services.TryAddSingleton<IProviderHealthSource>(sp =>
        {
            _ = sp.GetServices<IChannelSender>().ToList();
            return sp.GetRequiredService<ProviderHealthRegistry>();
        });

        // Checked whether or not email is configured here: a type uploaded now may be sent by a silo that has it.
        var emailSection = configuration.GetSection(EmailOptions.Section);
        services.AddSingleton<ITemplateRule>(sp => new MarketingUnsubscribeRule(emailSection.Exists()
            ? sp.GetRequiredService<IOptions<EmailOptions>>().Value.EffectiveMarketingCategories
            : new EmailOptions().EffectiveMarketingCategories));

        Add<FcmOptions, FcmOptionsValidator, FcmSender>(services, configuration, FcmOptions.Section, o => o.Resilience);
        Add<ApnsOptions, ApnsOptionsValidator, ApnsSender>(services, configuration, ApnsOptions.Section, o => o.Resilience);
        Add<WebPushOptions, WebPushOptionsValidator, WebPushSender>(services, configuration, WebPushOptions.Section, o => o.Resilience);
        if (Add<EmailOptions, EmailOptionsValidator, EmailSender>(services, configuration, EmailOptions.Section, o => o.Resilience))
        {
            services.TryAddSingleton(sp => new UnsubscribeLinkSigner(
                sp.GetRequiredService<IOptions<EmailOptions>>().Value.UnsubscribeSecret
                ?? throw new InvalidOperationException($"{EmailOptions.Section}:UnsubscribeSecret is not set.")));
            if (configuration.GetSection(EmailOptions.Section).Get<EmailOptions>()?.Bounces.Enabled == true)
            {
                services.AddHostedService<ImapBouncePoller>();
            }
        }

        Add<SmsOptions, SmsOptionsValidator, TwilioSmsSender>(services, configuration, SmsOptions.Section, o => o.Resilience);
        Add<WhatsAppOptions, WhatsAppOptionsValidator, WhatsAppSender>(services, configuration, WhatsAppOptions.Section, o => o.Resilience);

        if (Add<WebhookOptions, WebhookOptionsValidator, WebhookSender>(services, configuration, WebhookOptions.Section, o => o.Resilience))
        {
            services.TryAddSingleton(sp => new WebhookSignature(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.SigningSecret!));
        }

        return services;
    }

    private static bool Add<TOptions, TValidator, TSender>(IServiceCollection services, IConfiguration configuration, string section, Func<TOptions, ChannelResilienceOptions> resilience)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
        where TSender : class, IChannelSender
    {
        var config = configuration.GetSection(section);
        if (!config.Exists())
        {
            return false;
        }

        services.AddOptions<TOptions>().Bind(config).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.TryAddSingleton<TSender>();
        services.AddSingleton<IChannelSender>(sp => new ResilientChannelSender(
            sp.GetRequiredService<TSender>(),
            resilience(sp.GetRequiredService<IOptions<TOptions>>().Value),
            sp.GetRequiredService<TimeProvider>(),
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Notifications.Channels." + typeof(TSender).Name),
            sp.GetRequiredService<ProviderHealthRegistry>()));
        return true;
    }
}
