import type { ServiceEntry } from '@bazaar/service-catalog';

const NAMESPACE = 'bazaar';
export const imageName = (entry: ServiceEntry) => `bazaar/${entry.name}`;
/** Skaffold's template variable suffix for an image: non-alphanumerics become `_`. */
const imageVar = (entry: ServiceEntry) => imageName(entry).replace(/[^A-Za-z0-9]/g, '_');

/**
 * skaffold.yaml: one artifact per catalog app, Helm deploy of the platform
 * (kind only) and the umbrella chart, port-forwards for the gateway and
 * Grafana, and the kind / eks / mesh profiles.
 */
export function skaffoldConfig(entries: readonly ServiceEntry[]) {
  const imageValues = (withDigest: boolean) =>
    Object.fromEntries(
      entries.flatMap((e) => [
        [`${e.name}.image.repository`, `{{.IMAGE_REPO_${imageVar(e)}}}`],
        [`${e.name}.image.tag`, withDigest ? `{{.IMAGE_TAG_${imageVar(e)}}}@{{.IMAGE_DIGEST_${imageVar(e)}}}` : `{{.IMAGE_TAG_${imageVar(e)}}}`],
      ]),
    );
  return {
    apiVersion: 'skaffold/v4beta14',
    kind: 'Config',
    metadata: { name: 'bazaar' },
    build: {
      tagPolicy: { gitCommit: {} },
      local: { push: false, useBuildkit: true, concurrency: 1 },
      artifacts: entries.map((e) => ({ image: imageName(e), context: '.', docker: { dockerfile: `${e.path}/Dockerfile` } })),
    },
    deploy: {
      helm: {
        releases: [
          {
            name: 'bazaar',
            chartPath: 'charts/bazaar',
            namespace: NAMESPACE,
            createNamespace: true,
            dependsOn: ['bazaar-platform'],
            valuesFiles: ['charts/bazaar/values-kind.yaml'],
            setValueTemplates: imageValues(false),
          },
          // releases[0] stays the umbrella chart in every profile: the mesh profile patches it
          { name: 'bazaar-platform', chartPath: 'charts/bazaar-platform', namespace: NAMESPACE, createNamespace: true, wait: true },
        ],
      },
    },
    portForward: [
      { resourceType: 'service', resourceName: 'gateway', namespace: NAMESPACE, port: 8080, localPort: 8080 },
      { resourceType: 'service', resourceName: 'grafana', namespace: NAMESPACE, port: 3000, localPort: 3000 },
      { resourceType: 'service', resourceName: 'prometheus', namespace: NAMESPACE, port: 9090, localPort: 9090 },
    ],
    profiles: [
      {
        name: 'kind',
        activation: [{ kubeContext: 'kind-bazaar' }],
        // images stay local; skaffold loads them into the kind nodes
        build: {
          tagPolicy: { gitCommit: {} },
          local: { push: false, useBuildkit: true, concurrency: 1 },
          artifacts: entries.map((e) => ({ image: imageName(e), context: '.', docker: { dockerfile: `${e.path}/Dockerfile` } })),
        },
      },
      {
        name: 'eks',
        build: {
          tagPolicy: { gitCommit: {} },
          platforms: ['linux/amd64', 'linux/arm64'],
          local: { push: true, useBuildkit: true, concurrency: 2 },
          artifacts: entries.map((e) => ({ image: imageName(e), context: '.', docker: { dockerfile: `${e.path}/Dockerfile` } })),
        },
        deploy: {
          helm: {
            releases: [
              {
                name: 'bazaar',
                chartPath: 'charts/bazaar',
                namespace: NAMESPACE,
                createNamespace: true,
                valuesFiles: ['charts/bazaar/values-eks.yaml'],
                setValueTemplates: imageValues(true),
              },
            ],
          },
        },
        portForward: [{ resourceType: 'service', resourceName: 'gateway', namespace: NAMESPACE, port: 8080, localPort: 8080 }],
      },
      {
        name: 'mesh',
        // Istio must be installed first (docs/kubernetes.md); combine with kind or eks: -p kind,mesh
        patches: [{ op: 'add', path: '/deploy/helm/releases/0/setValues', value: { 'global.mesh.enabled': true } }],
      },
    ],
  };
}
