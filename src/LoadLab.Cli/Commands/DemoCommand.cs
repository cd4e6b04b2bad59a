using System.CommandLine;
using LoadLab.Cli.Demo;
using LoadLab.Cli.Infrastructure;

namespace LoadLab.Cli.Commands;

public static class DemoCommand
{
    public static Command Create()
    {
        var d = new DemoOptions();
        var scenario = new Option<string>("--scenario") { Description = "Scenario to run against the local stack.", DefaultValueFactory = _ => d.Scenario };
        var output = new Option<string?>("--out") { Description = "Run directory (default: reports/<scenario>-<time>)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the run and of the sim fleet.", DefaultValueFactory = _ => d.Seed };
        var instances = new Option<int>("--instances") { Description = "Sim instances at the start.", DefaultValueFactory = _ => d.Instances };
        var workers = new Option<int>("--workers") { Description = "Sim workers per instance.", DefaultValueFactory = _ => d.Workers };
        var queue = new Option<int>("--queue") { Description = "Sim queue per instance.", DefaultValueFactory = _ => d.Queue };
        var serviceTime = new Option<string>("--service-time") { Description = "Sim service time (fixed:20ms, exp:20ms, lognormal:20ms,cv=0.5).", DefaultValueFactory = _ => d.ServiceTime };
        var skipVerify = new Option<bool>("--skip-verify") { Description = "Skip the closed-loop check (a spike against the applied policy)." };

        var command = new Command("demo", "Start the local stack (moto_server and the sim endpoint), run scenarios/default.yaml against it, and take it through collect, analyze, simulate, report, apply and the closed-loop check.");
        foreach (var o in new Option[] { scenario, output, seed, instances, workers, queue, serviceTime, skipVerify }) command.Options.Add(o);
        command.SetAction((parse, ct) => new DemoRunner(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error).RunAsync(d with
        {
            Scenario = parse.GetValue(scenario)!,
            OutputDirectory = parse.GetValue(output),
            Seed = parse.GetValue(seed),
            Instances = parse.GetValue(instances),
            Workers = parse.GetValue(workers),
            Queue = parse.GetValue(queue),
            ServiceTime = parse.GetValue(serviceTime)!,
            SkipVerify = parse.GetValue(skipVerify),
        }, ct));
        return command;
    }
}
