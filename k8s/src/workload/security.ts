import { k8s } from 'cdk8s-plus-34';

/** The numeric non-root user every Bazaar image runs as (see the Dockerfiles). */
export const APP_UID = 10001;

/** Pod-level Pod Security "restricted" settings. */
export function restrictedPodSecurity(uid: number = APP_UID): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * Container-level "restricted" settings. The root filesystem is read-only
 * unless a third-party image must write outside its volumes.
 */
export function restrictedContainerSecurity(uid: number = APP_UID, readOnlyRootFilesystem = true): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** A writable, size-capped /tmp for containers with a read-only root. */
export const tmpVolume: k8s.Volume = { name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } };
export const tmpMount: k8s.VolumeMount = { name: 'tmp', mountPath: '/tmp' };

