using LoadLab.Choice;
using LoadLab.Core.Iac;
using LoadLab.Core.Json;
using LoadLab.Core.RunFiles;

namespace LoadLab.Cli.Commands;

/// <summary>
/// `apply <run-dir> --emit ...` on a choice: beside the scaling code, the endpoint-configuration change to the chosen
/// instance type, as code to review (LoadLab never changes an endpoint configuration itself).
/// </summary>
internal static class ChosenEndpointConfig
{
    public static string Write(ChoiceApplyTarget chosen, IacKind kind, string? endpoint, string? variant, string dir, TextWriter output)
    {
        var rec = RunJson.Read<RecommendationFile>(chosen.RecommendationPath);
        var path = Path.Combine(dir, EndpointConfigEmitter.FileName(kind));
        AtomicFile.WriteAllText(path, EndpointConfigEmitter.Emit(kind, endpoint ?? rec.Endpoint, variant ?? chosen.Variant ?? rec.Variant,
            chosen.InstanceType, Math.Max(1, rec.RegisterScalableTarget.MinCapacity ?? 1)));
        output.WriteLine($"Wrote {path}: the endpoint configuration on {chosen.InstanceType}, to review; nothing was changed.");
        return path;
    }
}
