using LoadLab.Aws.Signing;
using static LoadLab.Aws.Tests.Signing.SigV4TestSuiteVectors;

namespace LoadLab.Aws.Tests.Signing;

public sealed class SigV4VectorTests
{
    public static TheoryData<string> Names()
    {
        var d = new TheoryData<string>();
        foreach (var v in All) d.Add(v.Name);
        return d;
    }

    private static SigV4Result Sign(Vector v, SigningKeyCache? cache = null)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", "example.amazonaws.com") };
        headers.AddRange(v.ExtraHeaders.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)));
        headers.Add(new("X-Amz-Date", "20150830T123600Z"));
        var input = new SigV4Input(v.Method, v.Path, v.Query, headers, SigV4Canonical.EmptyPayloadSha256);
        return SigV4.Compute(input, new SigningCredentials(AccessKey, Secret), Region, Service, At, cache);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Canonical_request_string_to_sign_and_authorization_match_the_AWS_test_suite(string name)
    {
        var v = All.Single(x => x.Name == name);
        var r = Sign(v);
        Assert.Equal(v.CanonicalRequest, r.CanonicalRequest);
        Assert.Equal(v.StringToSign, r.StringToSign);
        Assert.Equal(v.Authorization, r.Authorization);
    }

    [Fact]
    public void A_cached_signing_key_gives_the_same_signatures_as_a_fresh_one()
    {
        var cache = new SigningKeyCache();
        foreach (var v in All) Assert.Equal(v.Signature, Sign(v, cache).Signature);
    }

    [Fact]
    public void The_signing_key_is_rederived_when_the_date_or_secret_changes()
    {
        var cache = new SigningKeyCache();
        var a = cache.Get(Secret, "20150830", Region, Service);
        Assert.Same(a, cache.Get(Secret, "20150830", Region, Service));
        Assert.NotEqual(a, cache.Get(Secret, "20150831", Region, Service));
        Assert.NotEqual(a, cache.Get(Secret + "x", "20150830", Region, Service));
        Assert.Equal(SigningKeyCache.Derive(Secret, "20150830", Region, Service), cache.Get(Secret, "20150830", Region, Service));
    }

    [Fact]
    public void Signing_an_HttpRequestMessage_gives_the_test_suite_signature()
    {
        // The hot-path API signs host, x-amz-* and content-type only, so use a case with no custom header.
        var v = All.Single(x => x.Name == "get-vanilla-query-order-key-case");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/?Param2=value2&Param1=value1");
        var r = new SigV4Signer(Service, Region).Sign(request, new SigningCredentials(AccessKey, Secret), At, SigV4Canonical.EmptyPayloadSha256);
        Assert.Equal(v.Authorization, r.Authorization);
        Assert.Equal(v.Authorization, request.Headers.GetValues("Authorization").Single());
        Assert.Equal("20150830T123600Z", request.Headers.GetValues("X-Amz-Date").Single());
    }

    [Fact]
    public void The_signer_hashes_the_body_and_signs_content_type_target_and_session_token()
    {
        var body = "{\"EndpointName\":\"ep\"}"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.sagemaker.us-east-1.amazonaws.com/")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "SageMaker.DescribeEndpoint");
        request.Headers.TryAddWithoutValidation("User-Agent", "loadlab");
        var r = new SigV4Signer("sagemaker", "us-east-1").Sign(request, new SigningCredentials(AccessKey, Secret, "TOKEN"), At, body);

        Assert.Equal("content-type;host;x-amz-date;x-amz-security-token;x-amz-target", r.SignedHeaders);
        Assert.EndsWith("\n" + SigV4Canonical.Sha256Hex(body), r.CanonicalRequest);
        Assert.DoesNotContain("UNSIGNED-PAYLOAD", r.CanonicalRequest);
        Assert.Equal("TOKEN", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Contains("Credential=AKIDEXAMPLE/20150830/us-east-1/sagemaker/aws4_request", r.Authorization);
    }

    [Fact]
    public void Re_signing_a_request_replaces_the_old_signature_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        var signer = new SigV4Signer(Service, Region);
        var creds = new SigningCredentials(AccessKey, Secret);
        signer.Sign(request, creds, At.AddDays(-1), SigV4Canonical.EmptyPayloadSha256);
        var r = signer.Sign(request, creds, At, SigV4Canonical.EmptyPayloadSha256);
        Assert.Equal(All[0].Authorization, r.Authorization);
        Assert.Single(request.Headers.GetValues("Authorization"));
    }

    [Fact]
    public void Credentials_never_print_their_secret()
    {
        var s = new SigningCredentials(AccessKey, Secret, "session-token").ToString();
        Assert.DoesNotContain(Secret, s);
        Assert.DoesNotContain("session-token", s);
    }
}
