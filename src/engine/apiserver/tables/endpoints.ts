// Server-side printer for Endpoints: NAME ENDPOINTS AGE, at most three `ip:port` then
// ` + N more...`; `<none>` without subsets. Models kubernetes/pkg/printers/internalversion/printers.go
// (printEndpoints, formatEndpoints).
import type { Endpoints } from '../../api/types';
import { ageColumn, ageOf, column, joinHostPort, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

const MAX = 3;

export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      // headless services may have no ports
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === MAX) {
          more = true;
          break;
        }
        list.push(addr.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === MAX) {
          more = true;
          break;
        }
        list.push(joinHostPort(addr.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - MAX} more...` : ret;
}

export const endpointsPrinter: TablePrinter<Endpoints> = {
  columns: [nameColumn, column('Endpoints', 'string', doc.epSubsets), ageColumn],
  row(ep, ctx) {
    return [ep.metadata?.name ?? '', formatEndpoints(ep), ageOf(ep, ctx)];
  },
};
