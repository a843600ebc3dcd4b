// NodeResourcesFit (filter + LeastAllocated score over cpu and memory, weight 1 each) and
// NodeResourcesBalancedAllocation (1 - std of the cpu/memory fractions).
// Filter reasons in upstream order: Too many pods, cpu, memory, ephemeral-storage, extended.
// Leaves out: ignoredResources/ignoredResourceGroups args, MostAllocated/RequestedToCapacityRatio.
// Models kubernetes/pkg/scheduler/framework/plugins/noderesources/{fit.go,least_allocated.go,
// balanced_allocation.go,resource_allocation.go}
import type { NodeStatus } from '../framework';
import type { NodeInfo } from '../node-info';
import type { PodRequests } from '../resource-math';

export const MAX_NODE_SCORE = 100;

/** fitsRequest: the reasons the pod does not fit on the node (empty when it fits). */
export function insufficientResources(r: PodRequests, node: NodeInfo, podCount = node.podCount,
  reqCPU = node.reqMilliCPU, reqMem = node.reqMemory, reqEph = node.reqEphemeralStorage): string[] | null {
  let out: string[] | null = null;
  if (podCount + 1 > node.allowedPodNumber) (out ??= []).push('Too many pods');
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && r.scalar === null) return out;
  if (r.milliCPU > 0 && r.milliCPU > node.allocMilliCPU - reqCPU) (out ??= []).push('Insufficient cpu');
  if (r.memory > 0 && r.memory > node.allocMemory - reqMem) (out ??= []).push('Insufficient memory');
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > node.allocEphemeralStorage - reqEph) {
    (out ??= []).push('Insufficient ephemeral-storage');
  }
  if (r.scalar) {
    for (const [name, q] of r.scalar) {
      if (q === 0) continue;
      const alloc = node.allocScalar?.get(name) ?? 0;
      const used = node.reqScalar?.get(name) ?? 0;
      if (q > alloc - used) (out ??= []).push(`Insufficient ${name}`);
    }
  }
  return out;
}

export function fitFilter(r: PodRequests, node: NodeInfo): NodeStatus | null {
  const reasons = insufficientResources(r, node);
  return reasons ? { code: 'Unschedulable', reasons, plugin: 'NodeResourcesFit' } : null;
}

/** leastRequestedScore: ((capacity - requested) * 100) / capacity, 0 when over capacity. */
function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated over cpu and memory (weights 1), using non-zero requests. */
export function leastAllocatedScore(r: PodRequests, node: NodeInfo): number {
  let score = 0;
  let weights = 0;
  if (node.allocMilliCPU !== 0) {
    score += leastRequested(node.nonZeroMilliCPU + r.nonZeroMilliCPU, node.allocMilliCPU);
    weights++;
  }
  if (node.allocMemory !== 0) {
    score += leastRequested(node.nonZeroMemory + r.nonZeroMemory, node.allocMemory);
    weights++;
  }
  return weights === 0 ? 0 : Math.floor(score / weights);
}

/** BalancedAllocation over cpu and memory, using plain requests: (1 - |f_cpu - f_mem| / 2) * 100. */
export function balancedAllocationScore(r: PodRequests, node: NodeInfo): number {
  let f0 = -1;
  let f1 = -1;
  if (node.allocMilliCPU !== 0) f0 = Math.min(1, (node.reqMilliCPU + r.milliCPU) / node.allocMilliCPU);
  if (node.allocMemory !== 0) f1 = Math.min(1, (node.reqMemory + r.memory) / node.allocMemory);
  let std = 0;
  if (f0 >= 0 && f1 >= 0) std = Math.abs((f0 - f1) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
