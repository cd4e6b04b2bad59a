#!/usr/bin/env pwsh
# LoadLab entry point for PowerShell users; the same as run.sh.
#   ./run.ps1            the demo: local stack, default scenario, the whole pipeline (loadlab demo)
#   ./run.ps1 test       the test suite (dotnet test LoadLab.sln, compressed-clock tests last and alone)
#   ./run.ps1 <command>  any loadlab command, e.g. ./run.ps1 run scenarios/my-endpoint.yaml --profile prod
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

function Require([string]$name, [string]$install) {
    if (-not (Get-Command $name -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine("error: '$name' is required but not installed. Install it with: $install")
        exit 2
    }
}

Require 'dotnet' 'see https://learn.microsoft.com/dotnet/core/install (the .NET 10 SDK)'

$command = if ($args.Count -gt 0) { $args[0] } else { 'demo' }
if ($command -eq 'test') {
    Require 'moto_server' "pip install 'moto[server]==5.2.1' boto3"
    if ($IsLinux) {
        & bash scripts/ensure-report-deps.sh; if ($LASTEXITCODE -ne 0) { Write-Warning 'report fonts could not be installed; chart labels may be missing' }
        & bash scripts/ensure-chromium.sh; if ($LASTEXITCODE -ne 0) { Write-Warning 'Chromium could not be installed; the real-browser report test will be skipped' }
        & bash scripts/ensure-prometheus.sh; if ($LASTEXITCODE -ne 0) { Write-Warning 'Prometheus could not be installed; the Prometheus scrape test will be skipped' }
    }
    $rest = @($args | Select-Object -Skip 1)
    if ($rest.Count -gt 0) { & dotnet test LoadLab.sln @rest; exit $LASTEXITCODE }
    # As run.sh: compressed-clock tests (trait Clock=compressed) last, alone, one project at a time.
    & dotnet test LoadLab.sln --filter 'Clock!=compressed&Timing!=sensitive&Suite!=accuracy'; $rc = $LASTEXITCODE
    & dotnet test LoadLab.sln --no-build --filter 'Clock=compressed|Timing=sensitive' -m:1; if ($rc -eq 0) { $rc = $LASTEXITCODE }
    exit $rc
}

if ($IsLinux) { & bash scripts/ensure-report-deps.sh }
$out = Join-Path $PSScriptRoot 'artifacts/cli'
$exe = Join-Path $out ($IsWindows ? 'loadlab.exe' : 'loadlab')
# Reuse the Release build: rebuild only when a source file is newer than the binary.
$stale = -not (Test-Path $exe)
if (-not $stale) {
    $built = (Get-Item $exe).LastWriteTimeUtc
    $stale = [bool](Get-ChildItem -Recurse -File -Path src, Directory.Build.props, Directory.Packages.props |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}
if ($stale) {
    & dotnet build src/LoadLab.Cli -c Release -o $out --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}
$forward = if ($args.Count -gt 0) { $args } else { @('demo') }
& $exe @forward
exit $LASTEXITCODE
