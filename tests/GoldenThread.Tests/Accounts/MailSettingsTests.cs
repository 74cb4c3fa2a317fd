using GoldenThread.Accounts;
using Microsoft.Extensions.Configuration;

namespace GoldenThread.Tests.Accounts;

/// <summary>Reading the mail server from <c>GoldenThread:Mail</c> settings, as environment variables give them.</summary>
public sealed class MailSettingsTests
{
    [Fact]
    public void FromConfiguration_WithoutAHost_IsNull()
    {
        Assert.Null(MailSettings.FromConfiguration(Configuration(("GoldenThread:Mail:From", "noreply@council.example"))));
    }

    [Fact]
    public void FromConfiguration_ReadsEverySetting_WithStartTlsAndPort587AsDefaults()
    {
        var minimal = MailSettings.FromConfiguration(Configuration(("GoldenThread:Mail:Host", " smtp.council.example "), ("GoldenThread:Mail:From", "GoldenThread <noreply@council.example>")));
        var full = MailSettings.FromConfiguration(Configuration(
            ("GoldenThread:Mail:Host", "relay"),
            ("GoldenThread:Mail:Port", "2525"),
            ("GoldenThread:Mail:From", "noreply@council.example"),
            ("GoldenThread:Mail:UserName", "goldenthread"),
            ("GoldenThread:Mail:Password", "s3cret"),
            ("GoldenThread:Mail:StartTls", "false")));

        Assert.Equal(new MailSettings("smtp.council.example", 587, "GoldenThread <noreply@council.example>"), minimal);
        Assert.Equal(new MailSettings("relay", 2525, "noreply@council.example") { UserName = "goldenthread", Password = "s3cret", StartTls = false }, full);
    }

    [Theory]
    [InlineData("Port", "smtp", "GoldenThread:Mail:Port must be a whole number")]
    [InlineData("Port", "70000", "GoldenThread:Mail:Port must be a whole number")]
    [InlineData("StartTls", "sometimes", "GoldenThread:Mail:StartTls must be true or false")]
    [InlineData("From", "not an address", "GoldenThread:Mail:From must be an email address")]
    public void FromConfiguration_BadSetting_SaysWhichAndWhy(string key, string value, string expected)
    {
        var settings = new List<(string, string)> { ("GoldenThread:Mail:Host", "smtp.council.example"), ("GoldenThread:Mail:From", "noreply@council.example") };
        settings.RemoveAll(s => s.Item1 == "GoldenThread:Mail:" + key);
        settings.Add(("GoldenThread:Mail:" + key, value));

        var error = Assert.Throws<InvalidOperationException>(() => MailSettings.FromConfiguration(Configuration([.. settings])));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
