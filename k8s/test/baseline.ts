import { podSpecOf, WORKLOAD_KINDS, type Manifest } from './manifests.js';

/** Security and operability baseline for every rendered workload; returns the violations. */
export function baselineViolations(objects: Manifest[]): string[] {
  const problems: string[] = [];
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget');
  const selects = (selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>) =>
    Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

  for (const w of objects.filter((o) => WORKLOAD_KINDS.includes(o.kind))) {
    const id = `${w.kind}/${w.metadata.name}`;
    const fail = (what: string) => problems.push(`${id}: ${what}`);
    const pod = podSpecOf(w);
    const podLabels: Record<string, string> = w.kind === 'Pod' ? (w.metadata['labels'] ?? {}) : (w['spec'].template.metadata?.labels ?? {});
    if (pod.hostNetwork || pod.hostPID || pod.hostIPC) fail('uses a host namespace');
    if ((pod.volumes ?? []).some((v: { hostPath?: unknown }) => v.hostPath)) fail('mounts a hostPath');
    if (pod.securityContext?.runAsNonRoot !== true) fail('pod runAsNonRoot is not true');
    if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault') fail('pod seccomp is not RuntimeDefault');
    for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
      const sc = c.securityContext ?? {};
      const uid = sc.runAsUser ?? pod.securityContext?.runAsUser;
      if (!(Number.isInteger(uid) && uid > 0)) fail(`${c.name}: no numeric non-root UID`);
      if (sc.allowPrivilegeEscalation !== false) fail(`${c.name}: privilege escalation allowed`);
      if (sc.privileged) fail(`${c.name}: privileged`);
      if (JSON.stringify(sc.capabilities?.drop) !== '["ALL"]') fail(`${c.name}: capabilities not dropped`);
      if (sc.capabilities?.add?.length) fail(`${c.name}: adds capabilities`);
      if (!/^[^\s]+:[A-Za-z0-9_.@-]+$/.test(c.image) || /:latest$/.test(c.image)) fail(`${c.name}: image ${c.image} is not pinned`);
      for (const r of ['cpu', 'memory']) {
        if (!c.resources?.requests?.[r]) fail(`${c.name}: no ${r} request`);
        if (!c.resources?.limits?.[r]) fail(`${c.name}: no ${r} limit`);
      }
      if ((w.kind === 'Deployment' || w.kind === 'StatefulSet') && pod.containers.includes(c)) {
        if (!c.readinessProbe || !c.livenessProbe) fail(`${c.name}: missing readiness or liveness probe`);
        else if (JSON.stringify(c.readinessProbe) === JSON.stringify(c.livenessProbe)) fail(`${c.name}: readiness and liveness probes are identical`);
      }
    }
    if (w.kind === 'Deployment' || w.kind === 'StatefulSet') {
      if (!policies.some((p) => selects(p['spec'].podSelector, podLabels))) fail('no NetworkPolicy selects its pods');
      if (!budgets.some((b) => selects(b['spec'].selector, podLabels))) fail('no PodDisruptionBudget covers its pods');
    }
  }
  return problems;
}
