using Notifications.Domain.Rules;

namespace Notifications.Domain.Tests;

public sealed class ActorSummaryTests
{
    [Theory]
    [InlineData(new[] { "Ahmed" }, 0, "Ahmed")]
    [InlineData(new[] { "Ahmed", "Sara" }, 0, "Ahmed and Sara")]
    [InlineData(new[] { "Ahmed", "Sara", "Lee" }, 0, "Ahmed, Sara and Lee")]
    [InlineData(new[] { "Ahmed", "Sara", "Lee", "Kim" }, 0, "Ahmed, Sara and 2 others")]
    [InlineData(new[] { "Ahmed", "Sara" }, 5, "Ahmed, Sara and 5 others")]
    [InlineData(new[] { "Ahmed", "Sara" }, 1, "Ahmed, Sara and 1 other")]
    [InlineData(new string[0], 0, "")]
    public void Formats_like_people_write(string[] actors, int unnamed, string expected) =>
        Assert.Equal(expected, ActorSummary.Format(actors, unnamed));

    [Theory]
    [InlineData("fr", new[] { "Ahmed", "Sara" }, 5, "Ahmed, Sara et 5 autres")]
    [InlineData("fr-CA", new[] { "Ahmed", "Sara" }, 5, "Ahmed, Sara et 5 autres")]
    [InlineData("fr-FR", new[] { "Ahmed", "Sara" }, 1, "Ahmed, Sara et 1 autre")]
    [InlineData("FR", new[] { "Ahmed", "Sara" }, 0, "Ahmed et Sara")]
    [InlineData("fr", new[] { "Ahmed", "Sara", "Lee" }, 0, "Ahmed, Sara et Lee")]
    [InlineData("en-GB", new[] { "Ahmed", "Sara" }, 5, "Ahmed, Sara and 5 others")]
    [InlineData("de", new[] { "Ahmed", "Sara" }, 5, "Ahmed, Sara and 5 others")]
    [InlineData("fry", new[] { "Ahmed", "Sara" }, 5, "Ahmed, Sara and 5 others")]
    [InlineData(null, new[] { "Ahmed", "Sara" }, 5, "Ahmed, Sara and 5 others")]
    public void Speaks_the_users_language(string? locale, string[] actors, int unnamed, string expected) =>
        Assert.Equal(expected, ActorSummary.Format(actors, unnamed, locale));
}
