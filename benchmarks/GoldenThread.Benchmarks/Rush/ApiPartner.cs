using System.Globalization;
using System.Text.Json;

namespace GoldenThread.Benchmarks.Rush;

/// <summary>
/// A partner's system submitting through the API with its submit token: reads the return
/// (<c>GET /api/v1/returns/{id}</c>), then sends every line's figures and submits in one request
/// (<c>PUT /api/v1/returns/{id}</c> with <c>submit: true</c>).
/// </summary>
internal static class ApiPartner
{
    public const string Channel = "api";

    /// <summary>The API's names as they are (snake_case), nulls left out.</summary>
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static async Task<string?> RunAsync(RushClient client, PlannedPartner partner, CancellationToken cancellationToken)
    {
        client.Bearer = partner.Token;
        var path = string.Create(CultureInfo.InvariantCulture, $"/api/v1/returns/{partner.ReturnId}");
        var read = await client.GetAsync("GET return", path, cancellationToken);
        if (!read.Succeeded)
        {
            return $"reading the return answered {read.Status}: {Short(read.Body)}";
        }

        var body = new
        {
            lines = partner.Lines.Select(l => new { line = l.LineId, actual = l.Actual, projected_outturn = l.ProjectedOutturn, note = l.Note, movement_note = l.MovementNote }),
            submit = true,
        };
        var json = JsonSerializer.Serialize(body, Json);
        var put = await client.SendAsync(
            "PUT return, submit",
            () => new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") },
            cancellationToken);
        return put.Succeeded ? null : $"submitting answered {put.Status}: {Short(put.Body)}";
    }

    /// <summary>An answer's body on one line, cut short.</summary>
    internal static string Short(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
