using System.CommandLine;
using LoadLab.Cli.Infrastructure;

namespace LoadLab.Cli.Commands;

public static class SimEndpointCommand
{
    public static Command Create()
    {
        var command = new Command("sim-endpoint", "Serve a local SageMaker-compatible endpoint with instances, queues and CloudWatch metrics.");
        command.SetAction((parse, _) => Task.FromResult(NotBuiltYet.Say(parse.InvocationConfiguration.Error, "sim-endpoint")));
        return command;
    }
}
