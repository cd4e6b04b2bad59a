using LoadLab.Core.Errors;

namespace LoadLab.Cli.Infrastructure;

/// <summary>For a command whose stage is not built yet: say so and exit 2, never fake output.</summary>
public static class NotBuiltYet
{
    public static int Say(TextWriter error, string command)
    {
        error.WriteLine($"error: 'loadlab {command}' is not built yet in this version of LoadLab.");
        return ExitCodes.BadInput;
    }
}
