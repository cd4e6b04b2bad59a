namespace LoadLab.Aws.Tests.Signing;

/// <summary>
/// Cases from AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite: the .req, .creq, .sts and
/// .authz files), all signed with AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY in us-east-1 for service
/// "service" at 20150830T123600Z. The expected strings are AWS's, not computed by LoadLab.
/// </summary>
public static class SigV4TestSuiteVectors
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-east-1";
    public const string Service = "service";
    public static readonly DateTimeOffset At = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private const string Host = "example.amazonaws.com";
    private const string Date = "20150830T123600Z";
    private const string Empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Scope = "20150830/us-east-1/service/aws4_request";

    public sealed record Vector(
        string Name, string Method, string Path, string? Query, (string Name, string Value)[] ExtraHeaders,
        string CanonicalRequest, string StringToSignHash, string SignedHeaders, string Signature)
    {
        public override string ToString() => Name;
        public string StringToSign => $"AWS4-HMAC-SHA256\n{Date}\n{Scope}\n{StringToSignHash}";
        public string Authorization => $"AWS4-HMAC-SHA256 Credential={AccessKey}/{Scope}, SignedHeaders={SignedHeaders}, Signature={Signature}";
    }

    private static string Creq(string method, string path, string query, string extraCanonicalHeaders, string signed) =>
        $"{method}\n{path}\n{query}\nhost:{Host}\n{extraCanonicalHeaders}x-amz-date:{Date}\n\n{signed}\n{Empty}";

    public static readonly Vector[] All =
    [
        new("get-vanilla", "GET", "/", null, [],
            Creq("GET", "/", "", "", "host;x-amz-date"),
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63", "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        new("get-vanilla-empty-query-key", "GET", "/", "Param1=value1", [],
            Creq("GET", "/", "Param1=value1", "", "host;x-amz-date"),
            "1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab", "host;x-amz-date",
            "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
        new("get-vanilla-query-order-key", "GET", "/", "Param1=value2&Param1=Value1", [],
            Creq("GET", "/", "Param1=Value1&Param1=value2", "", "host;x-amz-date"),
            "704b4cef673542d84cdff252633f065e8daeba5f168b77116f8b1bcaf3d38f89", "host;x-amz-date",
            "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
        new("get-vanilla-query-order-key-case", "GET", "/", "Param2=value2&Param1=value1", [],
            Creq("GET", "/", "Param1=value1&Param2=value2", "", "host;x-amz-date"),
            "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0", "host;x-amz-date",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        new("get-vanilla-query-order-value", "GET", "/", "Param1=value2&Param1=value1", [],
            Creq("GET", "/", "Param1=value1&Param1=value2", "", "host;x-amz-date"),
            "c968629d70850097a2d8781c9bf7edcb988b04cac14cca9be4acc3595f884606", "host;x-amz-date",
            "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
        new("get-vanilla-query-unreserved", "GET", "/",
            "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", [],
            Creq("GET", "/", "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "", "host;x-amz-date"),
            "c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177", "host;x-amz-date",
            "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        new("get-vanilla-utf8-query", "GET", "/", "\u1234=bar", [],
            Creq("GET", "/", "%E1%88%B4=bar", "", "host;x-amz-date"),
            "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073", "host;x-amz-date",
            "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        new("get-unreserved", "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", null, [],
            Creq("GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "", "", "host;x-amz-date"),
            "6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9", "host;x-amz-date",
            "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        new("get-utf8", "GET", "/\u1234", null, [],
            Creq("GET", "/%E1%88%B4", "", "", "host;x-amz-date"),
            "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102", "host;x-amz-date",
            "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        new("get-header-key-duplicate", "GET", "/", null, [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")],
            Creq("GET", "/", "", "my-header1:value2,value2,value1\n", "host;my-header1;x-amz-date"),
            "dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c", "host;my-header1;x-amz-date",
            "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        new("get-header-value-order", "GET", "/", null, [("My-Header1", "value4"), ("My-Header1", "value1"), ("My-Header1", "value3"), ("My-Header1", "value2")],
            Creq("GET", "/", "", "my-header1:value4,value1,value3,value2\n", "host;my-header1;x-amz-date"),
            "31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86", "host;my-header1;x-amz-date",
            "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        new("get-header-value-trim", "GET", "/", null, [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
            Creq("GET", "/", "", "my-header1:value1\nmy-header2:\"a b c\"\n", "host;my-header1;my-header2;x-amz-date"),
            "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7", "host;my-header1;my-header2;x-amz-date",
            "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        new("post-vanilla", "POST", "/", null, [],
            Creq("POST", "/", "", "", "host;x-amz-date"),
            "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87", "host;x-amz-date",
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        new("post-vanilla-query", "POST", "/", "Param1=value1", [],
            Creq("POST", "/", "Param1=value1", "", "host;x-amz-date"),
            "9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd", "host;x-amz-date",
            "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        new("post-header-key-sort", "POST", "/", null, [("My-Header1", "value1")],
            Creq("POST", "/", "", "my-header1:value1\n", "host;my-header1;x-amz-date"),
            "9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65", "host;my-header1;x-amz-date",
            "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        new("post-header-value-case", "POST", "/", null, [("My-Header1", "VALUE1")],
            Creq("POST", "/", "", "my-header1:VALUE1\n", "host;my-header1;x-amz-date"),
            "d51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93", "host;my-header1;x-amz-date",
            "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
    ];
}
