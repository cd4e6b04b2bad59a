using System.Text;

namespace LoadLab.Core.Iac;

/// <summary>
/// The endpoint-configuration change a choice of instance type implies, as code to review: a new endpoint
/// configuration whose variant runs on the chosen instance type, and the endpoint switched to it. LoadLab never makes
/// this change itself; the model name is not in any run file, so it is a parameter/variable the user fills in. Pure text.
/// </summary>
public static class EndpointConfigEmitter
{
    public static string FileName(IacKind kind) => kind switch
    {
        IacKind.Cli => "endpoint-config.sh",
        IacKind.CloudFormation => "endpoint-config.cfn.json",
        IacKind.Terraform => "endpoint-config.tf",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Emit(IacKind kind, string endpoint, string variant, string instanceType, int initialInstances) => kind switch
    {
        IacKind.Cli => Cli(endpoint, variant, instanceType, initialInstances),
        IacKind.CloudFormation => CloudFormation(endpoint, variant, instanceType, initialInstances),
        IacKind.Terraform => Terraform(endpoint, variant, instanceType, initialInstances),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Config(string endpoint, string instanceType) =>
        $"{endpoint}-{instanceType.Replace("ml.", "", StringComparison.Ordinal).Replace('.', '-')}";

    private static string Cli(string endpoint, string variant, string instanceType, int n)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/sh\n# The endpoint configuration change the choice implies (loadlab choose): variant ").Append(variant)
         .Append(" on ").Append(instanceType).Append(".\n# Review before running: it replaces the endpoint's configuration. Set MODEL_NAME first.\nset -eu\n");
        s.Append("aws sagemaker create-endpoint-config --endpoint-config-name '").Append(Config(endpoint, instanceType))
         .Append("' --production-variants \"VariantName=").Append(variant).Append(",ModelName=${MODEL_NAME},InstanceType=").Append(instanceType)
         .Append(",InitialInstanceCount=").Append(n).Append(",InitialVariantWeight=1\"\n");
        s.Append("aws sagemaker update-endpoint --endpoint-name '").Append(endpoint).Append("' --endpoint-config-name '").Append(Config(endpoint, instanceType)).Append("'\n");
        return s.ToString();
    }

    private static string CloudFormation(string endpoint, string variant, string instanceType, int n) => $$"""
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Description": "The endpoint configuration the choice implies (loadlab choose): variant {{variant}} on {{instanceType}}. Review before deploying.",
          "Parameters": { "ModelName": { "Type": "String", "Description": "The model the endpoint serves (not in LoadLab's run files)." } },
          "Resources": {
            "ChosenEndpointConfig": {
              "Type": "AWS::SageMaker::EndpointConfig",
              "Properties": {
                "EndpointConfigName": "{{Config(endpoint, instanceType)}}",
                "ProductionVariants": [
                  { "VariantName": "{{variant}}", "ModelName": { "Ref": "ModelName" }, "InstanceType": "{{instanceType}}", "InitialInstanceCount": {{n}}, "InitialVariantWeight": 1 }
                ]
              }
            },
            "Endpoint": {
              "Type": "AWS::SageMaker::Endpoint",
              "Properties": { "EndpointName": "{{endpoint}}", "EndpointConfigName": { "Fn::GetAtt": ["ChosenEndpointConfig", "EndpointConfigName"] } }
            }
          }
        }

        """;

    private static string Terraform(string endpoint, string variant, string instanceType, int n) => $$"""
        # The endpoint configuration the choice implies (loadlab choose): variant {{variant}} on {{instanceType}}.
        # Review before applying: the endpoint switches to this configuration.
        variable "model_name" {
          type        = string
          description = "The model the endpoint serves (not in LoadLab's run files)."
        }

        resource "aws_sagemaker_endpoint_configuration" "chosen" {
          name = "{{Config(endpoint, instanceType)}}"
          production_variants {
            variant_name           = "{{variant}}"
            model_name             = var.model_name
            instance_type          = "{{instanceType}}"
            initial_instance_count = {{n}}
            initial_variant_weight = 1
          }
        }

        resource "aws_sagemaker_endpoint" "endpoint" {
          name                 = "{{endpoint}}"
          endpoint_config_name = aws_sagemaker_endpoint_configuration.chosen.name
        }

        """;
}
