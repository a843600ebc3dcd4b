// Server-side printer for EndpointSlices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE (three items then
// ` + N more...`, `<unset>` when empty). Models kubernetes/pkg/printers/internalversion/printers.go
// (printEndpointSlice, formatDiscoveryPorts, formatDiscoveryEndpoints).
import type { EndpointSlice } from '../../api/types';
import { ageColumn, ageOf, column, listWithMoreString, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

const MAX = 3;

function formatPorts(slice: EndpointSlice): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const port of slice.ports ?? []) {
    if (list.length < MAX) {
      list.push(port.port != null ? String(port.port) : port.name != null ? port.name : '*');
    } else if (list.length === MAX) {
      more = true;
    }
    count++;
  }
  return listWithMoreString(list, more, count, MAX);
}

function formatEndpoints(slice: EndpointSlice): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ep of slice.endpoints ?? []) {
    for (const address of ep.addresses ?? []) {
      if (list.length < MAX) list.push(address);
      else if (list.length === MAX) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count, MAX);
}

export const endpointSlicePrinter: TablePrinter<EndpointSlice> = {
  columns: [
    nameColumn,
    column('AddressType', 'string', doc.esAddressType),
    column('Ports', 'string', doc.esPorts),
    column('Endpoints', 'string', doc.esEndpoints),
    ageColumn,
  ],
  row(slice, ctx) {
    return [slice.metadata?.name ?? '', slice.addressType ?? '', formatPorts(slice), formatEndpoints(slice), ageOf(slice, ctx)];
  },
};
