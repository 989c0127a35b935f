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
}
