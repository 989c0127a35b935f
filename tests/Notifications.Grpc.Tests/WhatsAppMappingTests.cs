using Notifications.Gateway.Grpc.Mapping;
using Notifications.Model;
using Proto = Notifications.Protocol.V1;

namespace Notifications.Grpc.Tests;

/// <summary>The additive proto fields of WhatsApp: the profile's number and opt-in, the channel and its deliveries.</summary>
public sealed class WhatsAppMappingTests
{
    [Fact]
    public void The_profiles_whatsapp_number_and_opt_in_map_both_ways()
    {
        var profile = ProtoRequestMapper.ToDto(new Proto.UserProfile { Phone = "+14155550100", Whatsapp = "+14155550111", WhatsappOptIn = true });

        Assert.Equal("+14155550111", profile.WhatsApp);
        Assert.True(profile.WhatsAppOptIn);
        var message = ProtoResponseMapper.ToProto(profile);
        Assert.Equal("+14155550111", message.Whatsapp);
        Assert.True(message.WhatsappOptIn);
        Assert.False(ProtoResponseMapper.ToProto(new UserProfile { Phone = "+14155550100" }).HasWhatsapp);
    }

    [Fact]
    public void The_whatsapp_channel_is_named_whatsapp_in_preferences()
    {
        var preferences = ProtoRequestMapper.ToDto(new Proto.Preferences { Channels = { ["whatsapp"] = false } });

        Assert.False(preferences.Channels[ChannelKind.WhatsApp]);
    }
}
