#!/usr/bin/env bash
# Provisions and deploys Kimera Bench with the Azure CLI only (the same result as `azd up`):
# resource group, infrastructure (infra/main.bicep), the function app code, and the Event Grid
# subscription for dataset uploads. Safe to run again: every step converges to the same state.
#
# Usage: infra/deploy.sh -g RESOURCE_GROUP -l LOCATION [-e ENVIRONMENT_NAME] [-k | -o] [-m MODEL] [-u ENDPOINT]
#   -g  resource group (created when missing)
#   -l  Azure region that offers Flex Consumption, e.g. eastus, northeurope, swedencentral
#   -e  environment name that seeds resource names (default: the resource group name)
#   -k  keep the LLM API key in a Key Vault instead of an app setting
#   -o  create a keyless Azure OpenAI account with a deployment of MODEL; the app signs in with its identity
#   -m  LLM model (default gpt-4o-mini)      -u  OpenAI-compatible endpoint (default OpenAI)
# The LLM API key is read from the OPENAI_API_KEY environment variable (never from the command line).
# Needs: az (logged in with `az login`), the .NET 10 SDK, zip.
set -euo pipefail

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

resource_group=""
location=""
environment_name=""
enable_key_vault=false
deploy_open_ai=false
llm_model="gpt-4o-mini"
llm_endpoint="https://api.openai.com/v1/"
while getopts "g:l:e:kom:u:h" opt; do
  case "$opt" in
    g) resource_group="$OPTARG" ;;
    l) location="$OPTARG" ;;
    e) environment_name="$OPTARG" ;;
    k) enable_key_vault=true ;;
    o) deploy_open_ai=true ;;
    m) llm_model="$OPTARG" ;;
    u) llm_endpoint="$OPTARG" ;;
    h) usage 0 ;;
    *) usage 2 >&2 ;;
  esac
done
if [ -z "$resource_group" ] || [ -z "$location" ]; then
  echo "error: -g RESOURCE_GROUP and -l LOCATION are required" >&2
  usage 2 >&2
fi
environment_name="${environment_name:-$resource_group}"
for tool in az dotnet zip; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is not installed" >&2; exit 2; }
done
if [ -z "${OPENAI_API_KEY:-}" ] && [ "$deploy_open_ai" = false ]; then
  echo "warning: OPENAI_API_KEY is not set; the LLM judge will have no key until you set one" >&2
fi

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
az account show --query "{subscription:name, user:user.name}" -o tsv >/dev/null \
  || { echo "error: not logged in; run az login" >&2; exit 2; }

echo "==> Resource group $resource_group ($location)"
az group create -n "$resource_group" -l "$location" --tags "azd-env-name=$environment_name" -o none

echo "==> Infrastructure (infra/main.bicep)"
principal_id="$(az ad signed-in-user show --query id -o tsv 2>/dev/null || true)"
principal_type=User
if [ -z "$principal_id" ]; then
  # Logged in as a service principal: grant its object id instead.
  sp_app_id="$(az account show --query user.name -o tsv)"
  principal_id="$(az ad sp show --id "$sp_app_id" --query id -o tsv 2>/dev/null || true)"
  principal_type=ServicePrincipal
fi
# The key goes through a private parameters file so that it never shows in the process list.
json_escape() { local s="${1//\\/\\\\}"; printf '%s' "${s//\"/\\\"}"; }
(
  umask 077
  printf '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#","contentVersion":"1.0.0.0","parameters":{"llmApiKey":{"value":"%s"}}}' \
    "$(json_escape "${OPENAI_API_KEY:-}")" >"$work/secret.parameters.json"
)
az deployment group create -g "$resource_group" -n kimera-main -f "$repo/infra/main.bicep" \
  -p "@$work/secret.parameters.json" \
  -p environmentName="$environment_name" location="$location" \
     principalId="$principal_id" principalType="$principal_type" enableKeyVault="$enable_key_vault" \
     llmModel="$llm_model" llmEndpoint="$llm_endpoint" deployOpenAi="$deploy_open_ai" openAiModelName="$llm_model" \
  --only-show-errors -o none

output() {
  az deployment group show -g "$resource_group" -n kimera-main --query "properties.outputs.$1.value" -o tsv
}
app_name="$(output FUNCTION_APP_NAME)"
topic_name="$(output EVENTGRID_SYSTEM_TOPIC_NAME)"
app_url="$(output FUNCTION_APP_URL)"
storage_account="$(output STORAGE_ACCOUNT_NAME)"

echo "==> Code (src/Kimera.Functions -> $app_name)"
dotnet publish "$repo/src/Kimera.Functions/Kimera.Functions.csproj" -c Release -o "$work/publish" --nologo -v quiet
(cd "$work/publish" && zip -qr "$work/app.zip" .)
az functionapp deployment source config-zip -g "$resource_group" -n "$app_name" --src "$work/app.zip" -o none

echo "==> Event Grid subscription (datasets -> RunOnDatasetUploaded)"
"$repo/infra/deploy-eventgrid.sh" -g "$resource_group" -n "$app_name" -t "$topic_name"

cat <<DONE

Deployed.
  Function app:    $app_name ($app_url)
  Storage account: $storage_account (containers: datasets, runs)
Upload a dataset:
  az storage blob upload --auth-mode login --account-name $storage_account -c datasets -f mydata.csv -n mydata.csv
DONE
