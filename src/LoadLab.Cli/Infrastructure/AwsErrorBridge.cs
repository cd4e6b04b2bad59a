using LoadLab.Aws.Errors;

namespace LoadLab.Cli.Infrastructure;

/// <summary>
/// Recognises AWS-layer failures (typed exceptions of LoadLab.Aws) so they exit 3 with code and message:
/// "&lt;Code&gt;: &lt;Message&gt; (request id ...)" for service errors (the same text as the exception's Message, so
/// it reads the same whether ErrorReporter catches it as a TargetFailedException or through this bridge), "&lt;Service&gt; &lt;Operation&gt;: ..." for
/// connection failures and timeouts. Looks through wrappers (AggregateException, inner exceptions).
/// </summary>
public static class AwsErrorBridge
{
    public static bool TryDescribe(Exception ex, out string message)
    {
        for (var e = ex; e is not null; e = e is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerExceptions[0] : e.InnerException)
        {
            switch (e)
            {
                case AwsServiceException s:
                    message = AwsServiceException.Format(s.ErrorCode, s.ErrorMessage, s.RequestId);
                    return true;
                case AwsTransportException t:
                    message = t.Message;
                    return true;
            }
        }
        message = "";
        return false;
    }
}
