// Services: ClusterIP and NodePort allocation at create time (released at delete), with the
// upstream errors for addresses and ports already taken or out of range.
// Models pkg/registry/core/service/storage/alloc.go and strategy.go
import type { FieldError } from '../../api/field';
import { goStringSlice, invalid } from '../../api/field';
import type { KObject, Service } from '../../api/types';
import { errInvalid } from '../../api/status';
import type { ClusterIPAllocator, PortAllocator } from '../../network/ipam';
import { defineType } from './define';

export interface ServiceAllocators {
  clusterIPs: ClusterIPAllocator;
  nodePorts: PortAllocator;
}

const needsNodePorts = (t: string | undefined) => t === 'NodePort' || t === 'LoadBalancer';

/** The clusterIPs error prints the []string with Go's %#v. */
const goStrings = (xs: string[]) => goStringSlice(xs);

export function serviceType(alloc: ServiceAllocators) {
  // What one create/update newly took, so a failed write can give back exactly that.
  const taken = new WeakMap<object, { ips: string[]; ports: number[] }>();
  const allocate = (svc: Service, old: Service | undefined): FieldError[] => {
    const spec = (svc.spec ??= {});
    const errs: FieldError[] = [];
    const mine = { ips: [] as string[], ports: [] as number[] };
    taken.set(svc, mine);
    const type = spec.type ?? 'ClusterIP';
    if (type !== 'ExternalName') {
      if (old?.spec?.clusterIP) {
        spec.clusterIP ??= old.spec.clusterIP;
        spec.clusterIPs ??= old.spec.clusterIPs;
      } else if (spec.clusterIP === 'None') {
        spec.clusterIPs = ['None'];
      } else if (spec.clusterIP) {
        const res = alloc.clusterIPs.allocate(spec.clusterIP);
        if (res === 'allocated') {
          errs.push(invalid('spec.clusterIPs', goStrings([spec.clusterIP]), `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`));
        } else if (res === undefined) {
          mine.ips.push(spec.clusterIP);
        } else {
          errs.push(
            invalid(
              'spec.clusterIPs',
              goStrings([spec.clusterIP]),
              `failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${alloc.clusterIPs.cidr.text}`,
            ),
          );
        }
        spec.clusterIPs = [spec.clusterIP];
      } else {
        const ip = alloc.clusterIPs.allocateNext();
        if (!ip) errs.push(invalid('spec.clusterIPs', goStrings([]), 'failed to allocate a serviceIP: range is full'));
        else {
          spec.clusterIP = ip;
          spec.clusterIPs = [ip];
          mine.ips.push(ip);
        }
      }
    } else if (old?.spec?.clusterIP && old.spec.clusterIP !== 'None') {
      alloc.clusterIPs.release(old.spec.clusterIP);
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    const oldPorts = new Map<string, number>();
    for (const p of old?.spec?.ports ?? []) if (p.nodePort) oldPorts.set(`${p.protocol ?? 'TCP'}/${p.port}`, p.nodePort);
    const keep = new Set<number>();
    (spec.ports ?? []).forEach((p, i) => {
      if (!needsNodePorts(type)) {
        delete p.nodePort;
        return;
      }
      const prev = oldPorts.get(`${p.protocol ?? 'TCP'}/${p.port}`);
      if (p.nodePort && p.nodePort === prev) {
        keep.add(p.nodePort);
        return;
      }
      if (!p.nodePort && prev) {
        p.nodePort = prev;
        keep.add(prev);
        return;
      }
      if (p.nodePort) {
        const res = alloc.nodePorts.allocate(p.nodePort);
        if (res === 'allocated') errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'));
        else if (res === 'out-of-range') {
          errs.push(
            invalid(
              `spec.ports[${i}].nodePort`,
              p.nodePort,
              `provided port is not in the valid range. The range of valid ports is ${alloc.nodePorts.rangeText}`,
            ),
          );
        } else {
          keep.add(p.nodePort);
          mine.ports.push(p.nodePort);
        }
      } else {
        const np = alloc.nodePorts.allocateNext();
        if (np === undefined) errs.push(invalid(`spec.ports[${i}].nodePort`, 0, 'range is full'));
        else {
          p.nodePort = np;
          keep.add(np);
          mine.ports.push(np);
        }
      }
    });
    // SIMPLIFICATION: node ports dropped by an update are released even if the update then fails.
    for (const np of oldPorts.values()) if (!keep.has(np)) alloc.nodePorts.release(np);
    return errs;
  };

  /** Gives back what the last allocate() on this object took (failed or dry-run write). */
  const rollback = (svc: Service) => {
    const mine = taken.get(svc);
    if (!mine) return;
    for (const ip of mine.ips) alloc.clusterIPs.release(ip);
    for (const p of mine.ports) alloc.nodePorts.release(p);
    taken.delete(svc);
  };

  return defineType({
    kind: 'Service',
    plural: 'services',
    namespaced: true,
    shortNames: ['svc'],
    returnDeletedObject: true,
    storageVersionHash: '0/CO1lhkEBI=',
    categories: ['all'],
    statusSubresource: true,
    subresources: ['status', 'proxy'],
    prepareForCreate(obj: KObject) {
      const svc = obj as Service;
      obj.status = { loadBalancer: {} };
      const errs = allocate(svc, undefined);
      if (errs.length) {
        rollback(svc);
        throw errInvalid('Service', '', 'Service', svc.metadata?.name ?? '', errs);
      }
    },
    prepareForUpdate(obj: KObject, old: KObject) {
      const svc = obj as Service;
      const errs = allocate(svc, old as Service);
      if (errs.length) {
        rollback(svc);
        throw errInvalid('Service', '', 'Service', svc.metadata?.name ?? '', errs);
      }
    },
    abortWrite(obj: KObject) {
      rollback(obj as Service);
    },
    afterDelete(obj: KObject) {
      const svc = obj as Service;
      if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') alloc.clusterIPs.release(svc.spec.clusterIP);
      for (const p of svc.spec?.ports ?? []) if (p.nodePort) alloc.nodePorts.release(p.nodePort);
    },
  });
}
