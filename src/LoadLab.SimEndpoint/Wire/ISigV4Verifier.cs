using Microsoft.AspNetCore.Http;

namespace LoadLab.SimEndpoint.Wire;

/// <summary>Why a request was refused: status, x-amzn-ErrorType and message, as AWS answers them.</summary>
public sealed record AuthVerdict(int Status, string ErrorType, string Message);

/// <summary>Checks an incoming request's SigV4 signature; null means it verifies.</summary>
public interface ISigV4Verifier
{
    ValueTask<AuthVerdict?> VerifyAsync(HttpContext ctx);
}
