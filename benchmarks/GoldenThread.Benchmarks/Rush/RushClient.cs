using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace GoldenThread.Benchmarks.Rush;

/// <summary>
/// One partner's side of the conversation, as their browser or system would hold it: its own cookies, its own client
/// address, every request timed. The site runs as in production behind a TLS-ending proxy on this machine, so each
/// request says it came over HTTPS (<c>X-Forwarded-Proto</c>) from the partner's own address (<c>X-Forwarded-For</c>:
/// 400 partners are 400 addresses, as at a real quarter end, so that the per-address sign-in limit counts each of
/// them, not the benchmark's one). Its cookies are secure, so they are kept here rather than in a cookie container,
/// which would not send them over plain HTTP. A 429, 500 or 503 is waited out (its <c>Retry-After</c>, at most
/// <see cref="MaxWait"/>, else a second) and tried again, a few times, as a well-behaved system or a person pressing
/// the button again does; each attempt is recorded (and every 500 or 503 counted as an error).
/// </summary>
internal sealed class RushClient(HttpClient http, Latencies latencies, string channel, string address)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private const int Attempts = 5;

    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    private bool _started;

    public string? Bearer { get; set; }

    /// <summary>
    /// How long a person reads and types between one request and the next (<c>rush drive --think</c>); zero for a
    /// system, or for the "everyone at the same instant" rush. Not timed: only the site's answers are.
    /// </summary>
    public TimeSpan Think { get; init; }

    /// <summary>Sends a request made afresh for each attempt; returns the last answer's status, location and body.</summary>
    public async Task<Answer> SendAsync(string kind, Func<HttpRequestMessage> make, CancellationToken cancellationToken)
    {
        if (_started && Think > TimeSpan.Zero)
        {
            await Task.Delay(Think, cancellationToken);
        }

        _started = true;
        for (var attempt = 1; ; attempt++)
        {
            using var request = make();
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", address);
            if (Bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
            }

            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
            }

            var clock = Stopwatch.StartNew();
            HttpResponseMessage? response = null;
            string body;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                body = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                latencies.Add(new Timed(channel, kind, 0, clock.Elapsed.TotalMilliseconds));
                response?.Dispose();
                return new Answer(0, null, exception.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                latencies.Add(new Timed(channel, kind, 0, clock.Elapsed.TotalMilliseconds));
                response?.Dispose();
                return new Answer(0, null, "timed out");
            }

            var elapsed = clock.Elapsed.TotalMilliseconds;
            using (response)
            {
                var status = (int)response.StatusCode;
                latencies.Add(new Timed(channel, kind, status, elapsed));
                Remember(response);
                if (status is 429 or 500 or 503 && attempt < Attempts)
                {
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    await Task.Delay(wait < MaxWait ? wait : MaxWait, cancellationToken);
                    continue;
                }

                return new Answer(status, response.Headers.Location?.ToString(), body);
            }
        }
    }

    public Task<Answer> GetAsync(string kind, string path, CancellationToken cancellationToken) =>
        SendAsync(kind, () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<Answer> PostFormAsync(string kind, string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var list = fields.ToList();
        return SendAsync(kind, () => new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(list) }, cancellationToken);
    }

    private void Remember(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            var pair = value.Split(';', 2)[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = pair[..equals].Trim();
            var content = pair[(equals + 1)..].Trim();
            var expired = value.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (expired || content.Length == 0)
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = content;
            }
        }
    }

    /// <summary>The partner's address: 10.0.x.y from its number, one per partner.</summary>
    public static string AddressOf(int partner) =>
        string.Create(CultureInfo.InvariantCulture, $"10.0.{partner / 250}.{(partner % 250) + 1}");
}

/// <summary>An answer: its status (0 when none came), where it redirects, its body.</summary>
internal sealed record Answer(int Status, string? Location, string Body)
{
    public bool Succeeded => Status is >= 200 and < 400;

    public static bool IsRedirect(int status) => status is (int)HttpStatusCode.Redirect or (int)HttpStatusCode.SeeOther or (int)HttpStatusCode.Found or 307 or 308;
}
