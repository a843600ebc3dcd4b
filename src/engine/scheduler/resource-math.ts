// Pod resource requests as the scheduler sees them: the sum of app containers, the max with
// init containers (restartable "sidecar" init containers add up), plus pod overhead; and the
// "non-zero" variant used for scoring (100m CPU / 200Mi memory for a container that sets none).
// Leaves out: in-place resize (status.resources), pod-level resources (alpha in v1.32).
// Models kubernetes/staging/src/k8s.io/component-helpers/resource/helpers.go (PodRequests),
// kubernetes/pkg/scheduler/util/pod_resources.go and framework/types.go (Resource, calculateResource)
import type { Container, Pod } from '../api/types';
import { milliValue, value } from '../api/quantity';

/** Default requests assumed for scoring when a container sets none (schedutil.DefaultMilliCPURequest, DefaultMemoryRequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** One pod's requests, precomputed once per pod object. */
export interface PodRequests {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended / hugepages resources, only when the pod requests some (else null). */
  scalar: Map<string, number> | null;
  /** Requests with the non-zero defaults applied per container (scoring only). */
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
}

// Quantity strings repeat a lot ("100m", "128Mi"): parse each distinct string once.
const milliCache = new Map<string, number>();
const valueCache = new Map<string, number>();

export function cachedMilliValue(s: string): number {
  let v = milliCache.get(s);
  if (v === undefined) {
    v = milliValue(s);
    if (milliCache.size < 10_000) milliCache.set(s, v);
  }
  return v;
}

export function cachedValue(s: string): number {
  let v = valueCache.get(s);
  if (v === undefined) {
    v = value(s);
    if (valueCache.size < 10_000) valueCache.set(s, v);
  }
  return v;
}

/** schedutil.IsScalarResourceName: extended (domain-prefixed), hugepages-*, attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name === 'pods') return false;
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

/** A resource vector (Resource in framework/types.go). */
interface Vec {
  cpu: number;
  mem: number;
  eph: number;
  scalar: Map<string, number> | null;
}

const newVec = (): Vec => ({ cpu: 0, mem: 0, eph: 0, scalar: null });

function addList(into: Vec, list: Record<string, string> | undefined, nonZero: boolean): void {
  let hasCPU = false;
  let hasMem = false;
  if (list) {
    for (const name in list) {
      const q = list[name];
      switch (name) {
        case 'cpu':
          hasCPU = true;
          into.cpu += cachedMilliValue(q);
          break;
        case 'memory':
          hasMem = true;
          into.mem += cachedValue(q);
          break;
        case 'ephemeral-storage':
          into.eph += cachedValue(q);
          break;
        default:
          if (isScalarResourceName(name)) {
            if (!into.scalar) into.scalar = new Map();
            into.scalar.set(name, (into.scalar.get(name) ?? 0) + cachedValue(q));
          }
      }
    }
  }
  if (nonZero) {
    if (!hasCPU) into.cpu += DEFAULT_MILLI_CPU_REQUEST;
    if (!hasMem) into.mem += DEFAULT_MEMORY_REQUEST;
  }
}

function addVec(into: Vec, v: Vec): void {
  into.cpu += v.cpu;
  into.mem += v.mem;
  into.eph += v.eph;
  if (v.scalar) {
    if (!into.scalar) into.scalar = new Map();
    for (const [k, n] of v.scalar) into.scalar.set(k, (into.scalar.get(k) ?? 0) + n);
  }
}

function maxVec(into: Vec, v: Vec): void {
  into.cpu = Math.max(into.cpu, v.cpu);
  into.mem = Math.max(into.mem, v.mem);
  into.eph = Math.max(into.eph, v.eph);
  if (v.scalar) {
    if (!into.scalar) into.scalar = new Map();
    for (const [k, n] of v.scalar) into.scalar.set(k, Math.max(into.scalar.get(k) ?? 0, n));
  }
}

function containerVec(c: Container, nonZero: boolean): Vec {
  const v = newVec();
  addList(v, c.resources?.requests, nonZero);
  return v;
}

/** PodRequests(): containers summed, max'ed with each init container step, plus overhead. */
function aggregate(pod: Pod, nonZero: boolean): Vec {
  const spec = pod.spec;
  const reqs = newVec();
  if (!spec) return reqs;
  for (const c of spec.containers ?? []) addList(reqs, c.resources?.requests, nonZero);
  if (spec.initContainers && spec.initContainers.length > 0) {
    const restartable = newVec();
    const initMax = newVec();
    for (const c of spec.initContainers) {
      const cv = containerVec(c, nonZero);
      if (c.restartPolicy === 'Always') {
        // A sidecar keeps running: it adds to the pod total and to every later init step.
        addVec(reqs, cv);
        addVec(restartable, cv);
        maxVec(initMax, restartable);
      } else {
        const step = newVec();
        addVec(step, cv);
        addVec(step, restartable);
        maxVec(initMax, step);
      }
    }
    maxVec(reqs, initMax);
  }
  if (spec.overhead) addList(reqs, spec.overhead, false);
  return reqs;
}

const requestCache = new WeakMap<object, PodRequests>();

/**
 * What the requests are cached under: they derive from spec.containers, initContainers and
 * overhead only. Without the last two, the containers array: the store shares it (frozen)
 * across every version of a pod, including the scheduler's assumed copy and the binding, so
 * one entry serves them all. Otherwise the pod object (stored objects are immutable).
 */
function cacheKey(pod: Pod): object {
  const spec = pod.spec;
  const cs = spec?.containers;
  if (cs && Object.isFrozen(cs) && spec.initContainers === undefined && spec.overhead === undefined) return cs;
  return pod;
}

/** The pod's requests (cached, see cacheKey). */
export function podRequests(pod: Pod): PodRequests {
  const key = cacheKey(pod);
  let r = requestCache.get(key);
  if (r) return r;
  const v = aggregate(pod, false);
  const nz = aggregate(pod, true);
  r = {
    milliCPU: v.cpu,
    memory: v.mem,
    ephemeralStorage: v.eph,
    scalar: v.scalar && v.scalar.size > 0 ? v.scalar : null,
    nonZeroMilliCPU: nz.cpu,
    nonZeroMemory: nz.mem,
  };
  requestCache.set(key, r);
  return r;
}
