// What busybox `nslookup NAME [SERVER]` prints for one lookup, shared by `kubectl exec` (the
// shell's container userland) and a container whose main process is nslookup
// (`kubectl run -it --rm --image=busybox … -- nslookup web`). Models busybox
// networking/nslookup.c (the server block, then one Name/Address pair per A record, or
// "** server can't find NAME: NXDOMAIN" and exit 1).
// SIMPLIFICATION: only the A answer of the first search-path match is shown (no AAAA query).
import type { DnsAnswer } from './network';

export const BUSYBOX_NSLOOKUP_USAGE =
  'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,any,srv,ptr\n';

/** stdout and exit code of busybox nslookup for `name` answered by `result`. */
export function busyboxNslookupText(name: string, result: Pick<DnsAnswer, 'server' | 'record'>): { out: string; code: number } {
  let out = `Server:\t\t${result.server}\nAddress:\t${result.server}:53\n\n`;
  const rec = result.record;
  if (!rec || !rec.ips.length) return { out: `${out}** server can't find ${name}: NXDOMAIN\n\n`, code: 1 };
  for (const ip of rec.ips) out += `Name:\t${rec.name}\nAddress: ${ip}\n`;
  return { out: `${out}\n`, code: 0 };
}
