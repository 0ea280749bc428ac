# Windows counterpart of deploy-eventgrid.sh (the azd postdeploy hook on Windows): creates or
# updates the BlobCreated subscription from the `datasets` container to RunOnDatasetUploaded.
# Usage: ./infra/deploy-eventgrid.ps1 [-ResourceGroup RG] [-FunctionAppName APP] [-SystemTopicName TOPIC]
# Defaults come from the azd environment (AZURE_RESOURCE_GROUP, FUNCTION_APP_NAME, EVENTGRID_SYSTEM_TOPIC_NAME).
param(
    [string]$ResourceGroup = $env:AZURE_RESOURCE_GROUP,
    [string]$FunctionAppName = $env:FUNCTION_APP_NAME,
    [string]$SystemTopicName = $env:EVENTGRID_SYSTEM_TOPIC_NAME
)
$ErrorActionPreference = 'Stop'
if (-not $ResourceGroup -or -not $FunctionAppName -or -not $SystemTopicName) {
    throw 'Resource group, function app and system topic names are required (parameters or azd environment).'
}

$hostName = az functionapp show -g $ResourceGroup -n $FunctionAppName --query defaultHostName -o tsv
if ($LASTEXITCODE -ne 0) { throw "Function app $FunctionAppName not found in $ResourceGroup." }

# The blob extension key appears once the host has started with the blob trigger; only whether it
# exists is read, never the key itself.
Write-Host "Waiting for the blob extension key of $FunctionAppName ..."
$ready = $false
for ($attempt = 1; $attempt -le 30 -and -not $ready; $attempt++) {
    try { Invoke-WebRequest -Uri "https://$hostName/" -UseBasicParsing -TimeoutSec 30 | Out-Null } catch { }
    $hasKey = az functionapp keys list -g $ResourceGroup -n $FunctionAppName --query "systemKeys.blobs_extension != null" -o tsv 2>$null
    if ($hasKey -eq 'true') { $ready = $true } else { Start-Sleep -Seconds 10 }
}
if (-not $ready) { throw "No blobs_extension key after 30 attempts; is the app deployed and starting?" }

$template = Join-Path $PSScriptRoot 'eventgrid.bicep'
for ($attempt = 1; $attempt -le 3; $attempt++) {
    az deployment group create -g $ResourceGroup -n kimera-eventgrid -f $template `
        -p functionAppName=$FunctionAppName systemTopicName=$SystemTopicName --only-show-errors -o none
    if ($LASTEXITCODE -eq 0) {
        Write-Host "Event Grid subscription datasets-blob-created is in place on $SystemTopicName."
        exit 0
    }
    Write-Warning "Event Grid subscription attempt $attempt failed; retrying in 20 s ..."
    Start-Sleep -Seconds 20
}
throw 'Could not create the Event Grid subscription.'
