// Validates rendered Kubernetes manifests against the Kubernetes API's JSON schemas (the
// kubernetes-models packages carry them, with those of the Prometheus Operator's ServiceMonitor).
// Usage: node validate-manifests.mjs rendered.yaml ...   Exits 1 naming every object that does not fit.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const pkg = group === "monitoring.coreos.com" ? "@kubernetes-models/prometheus-operator" : "kubernetes-models";
  const module = await import(group ? `${pkg}/${group}/${version}/${kind}` : `${pkg}/${version}/${kind}`);
  return module[kind];
}

let objects = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    const manifest = document.toJSON();
    if (!manifest) continue;
    const name = `${file}: ${manifest.kind} ${manifest.metadata?.name}`;
    try {
      const Model = await modelOf(manifest.apiVersion, manifest.kind);
      new Model(manifest).validate();
      objects++;
    } catch (error) {
      failures.push(`${name}: ${error.message}`);
    }
  }
}
if (failures.length > 0) {
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log(`${objects} objects valid against the Kubernetes schemas`);
