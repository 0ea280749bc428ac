#!/usr/bin/env bash
# Creates (or updates) the Event Grid subscription that sends BlobCreated events from the `datasets`
# container to the blob-triggered function. Runs after the code is deployed: as the azd postdeploy
# hook (azure.yaml), from infra/deploy.sh, or by hand. Safe to run again.
#
# Usage: infra/deploy-eventgrid.sh [-g RESOURCE_GROUP] [-n FUNCTION_APP_NAME] [-t SYSTEM_TOPIC_NAME]
# Defaults come from the azd environment variables AZURE_RESOURCE_GROUP, FUNCTION_APP_NAME and
# EVENTGRID_SYSTEM_TOPIC_NAME (outputs of main.bicep).
set -euo pipefail

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

resource_group="${AZURE_RESOURCE_GROUP:-}"
app_name="${FUNCTION_APP_NAME:-}"
topic_name="${EVENTGRID_SYSTEM_TOPIC_NAME:-}"
while getopts "g:n:t:h" opt; do
  case "$opt" in
    g) resource_group="$OPTARG" ;;
    n) app_name="$OPTARG" ;;
    t) topic_name="$OPTARG" ;;
    h) usage 0 ;;
    *) usage 2 >&2 ;;
  esac
done
if [ -z "$resource_group" ] || [ -z "$app_name" ] || [ -z "$topic_name" ]; then
  echo "error: resource group, function app and system topic names are required" >&2
  usage 2 >&2
fi
command -v az >/dev/null || { echo "error: the Azure CLI (az) is not installed" >&2; exit 2; }

here="$(cd "$(dirname "$0")" && pwd)"
host="$(az functionapp show -g "$resource_group" -n "$app_name" --query defaultHostName -o tsv)"

# The blob extension creates its system key when the host first starts with the blob trigger.
# Wake the host and wait for the key; only whether it exists is printed, never the key.
echo "Waiting for the blob extension key of $app_name ..."
for attempt in $(seq 1 30); do
  curl -s -o /dev/null --max-time 30 "https://$host/" || true
  has_key="$(az functionapp keys list -g "$resource_group" -n "$app_name" \
    --query "systemKeys.blobs_extension != null" -o tsv 2>/dev/null || echo false)"
  [ "$has_key" = "true" ] && break
  if [ "$attempt" -eq 30 ]; then
    echo "error: no blobs_extension key after 30 attempts; is the app deployed and starting? (az functionapp log / App Insights)" >&2
    exit 1
  fi
  sleep 10
done

# Event Grid validates the webhook while the subscription is created; a host that is still
# warming up can miss the handshake, so a failed attempt is retried.
for attempt in 1 2 3; do
  if az deployment group create -g "$resource_group" -n kimera-eventgrid \
      -f "$here/eventgrid.bicep" \
      -p functionAppName="$app_name" systemTopicName="$topic_name" \
      --only-show-errors -o none; then
    echo "Event Grid subscription datasets-blob-created is in place on $topic_name."
    exit 0
  fi
  echo "Event Grid subscription attempt $attempt failed; retrying in 20 s ..." >&2
  sleep 20
done
echo "error: could not create the Event Grid subscription" >&2
exit 1
