using System.Xml.Linq;
using LoadLab.Aws.Signing;

namespace LoadLab.Aws.Local;

/// <summary>
/// The first, unauthenticated calls to a fresh moto_server: create an IAM user, give it an allow-all inline policy
/// (moto checks IAM permissions as well as signatures once authentication is on) and create its access key.
/// Exactly <see cref="CallCount"/> calls, matching INITIAL_NO_AUTH_ACTION_COUNT, so every later call is verified.
/// </summary>
public static class MotoIamBootstrap
{
    public const int CallCount = 3;
    public const string UserName = "loadlab";

    private const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    public static async Task<SigningCredentials> CreateUserAndKeyAsync(HttpClient http, Uri baseUrl, string region, TimeProvider time, CancellationToken ct)
    {
        await CallAsync(http, baseUrl, region, time, $"Action=CreateUser&Version=2010-05-08&UserName={UserName}", ct).ConfigureAwait(false);
        await CallAsync(http, baseUrl, region, time,
            $"Action=PutUserPolicy&Version=2010-05-08&UserName={UserName}&PolicyName=allow-all&PolicyDocument={Uri.EscapeDataString(AllowAll)}", ct).ConfigureAwait(false);
        var xml = await CallAsync(http, baseUrl, region, time, $"Action=CreateAccessKey&Version=2010-05-08&UserName={UserName}", ct).ConfigureAwait(false);
        var doc = XDocument.Parse(xml);
        string? Find(string name) => doc.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        var id = Find("AccessKeyId");
        var secret = Find("SecretAccessKey");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
            throw new MotoServerException("moto_server's CreateAccessKey answer had no AccessKeyId/SecretAccessKey");
        return new SigningCredentials(id, secret);
    }

    private static async Task<string> CallAsync(HttpClient http, Uri baseUrl, string region, TimeProvider time, string form, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl)
        {
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(form)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        // moto routes by the credential scope's service name, so even these unchecked calls carry a SigV4 header.
        var placeholder = new SigningCredentials("AKIAMOTOBOOTSTRAP000", "bootstrap-not-checked");
        new SigV4Signer("iam", region).Sign(request, placeholder, time.GetUtcNow(), System.Text.Encoding.UTF8.GetBytes(form));
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new MotoServerException($"moto_server refused IAM setup call ({(int)response.StatusCode}): {Truncate(body)}");
        return body;
    }

    private static string Truncate(string s) => s.Length <= 400 ? s : s[..400] + "...";
}
