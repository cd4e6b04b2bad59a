using System.Net.Sockets;

namespace LoadLab.Engine.Targets;

/// <summary>Pure classification of responses and exceptions into <see cref="OutcomeClass"/>.</summary>
public static class OutcomeClassifier
{
    /// <summary>
    /// Classifies a response. <paramref name="errorType"/> is the x-amzn-ErrorType header (e.g.
    /// <c>ModelError:http://internal.amazon.com/coral/...</c>); <paramref name="bodyHint"/> is the start of an error
    /// body, consulted only for status 400 (where SageMaker reports ThrottlingException in the body of JSON errors).
    /// </summary>
    public static OutcomeClass Classify(int status, string? errorType = null, string? bodyHint = null)
    {
        if (status is >= 200 and < 300) return OutcomeClass.Ok;
        var type = ErrorTypeName(errorType);
        if (status == 424 || type == "ModelError" || type == "ModelNotReadyException") return OutcomeClass.ModelError;
        if (status == 429 || type is "ThrottlingException" or "ThrottledException" or "TooManyRequestsException")
            return OutcomeClass.Throttled;
        if (status == 400 && bodyHint is not null && bodyHint.Contains("ThrottlingException", StringComparison.Ordinal))
            return OutcomeClass.Throttled;
        if (status is >= 500 and < 600) return OutcomeClass.ServerError;
        return OutcomeClass.ClientError;
    }

    /// <summary>Classifies an exception thrown while sending. <paramref name="timedOut"/> says the request's own timeout fired.</summary>
    public static RequestOutcome Classify(Exception ex, bool timedOut)
    {
        if (timedOut || ex is TimeoutException) return new RequestOutcome(OutcomeClass.Timeout, 0, "timeout");
        var detail = Innermost(ex);
        return new RequestOutcome(OutcomeClass.Connection, 0, detail);
    }

    /// <summary>"ModelError:http://..." → "ModelError"; "ThrottlingException" stays.</summary>
    public static string? ErrorTypeName(string? header)
    {
        if (string.IsNullOrEmpty(header)) return null;
        var colon = header.IndexOf(':');
        return (colon >= 0 ? header[..colon] : header).Trim();
    }

    private static string Innermost(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is SocketException se)
                return se.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.ConnectionReset => "connection reset",
                    SocketError.HostNotFound or SocketError.NoData => "host not found",
                    SocketError.TimedOut => "connect timed out",
                    _ => se.SocketErrorCode.ToString(),
                };
        if (ex is HttpRequestException { HttpRequestError: var err } && err != HttpRequestError.Unknown) return err.ToString();
        return ex.GetBaseException().Message;
    }
}
