namespace LoadLab.TestSupport;

/// <summary>A currently free TCP port on 127.0.0.1 (bind to port 0, read it, release it).</summary>
public static class FreePort
{
    public static int Next() => LoadLab.Aws.Local.MotoServerProcess.FreeLoopbackPort();
}
