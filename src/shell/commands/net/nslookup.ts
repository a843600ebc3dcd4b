// nslookup from Ubuntu's bind9-dnsutils 9.18 on a node: `nslookup NAME [SERVER]`, asking the
// node's stub resolver (systemd-resolved, 127.0.0.53, which knows nothing of the cluster) or the
// given server (kube-dns at 10.96.0.10 answers cluster names), in bind's output layout.
// Models bin/dig/nslookup.c (printsection, "** server can't find"). Leaves out options (-type=...),
// interactive mode, PTR lookups and AAAA answers.
import type { Command } from '../../interpreter/types';
import type { NodeNetView } from '../../../engine';

export function createNslookup(view: NodeNetView): Command {
  return async (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (!args.length) {
      ctx.stderr.write('nslookup: interactive mode is not supported here\n');
      return 1;
    }
    const [name, server] = args as [string, string | undefined];
    const r = view.lookup(name, server);
    let out = `Server:\t\t${r.server}\nAddress:\t${r.server}#53\n\n`;
    if (!r.record) {
      ctx.stdout.write(`${out}** server can't find ${name.replace(/\.$/, '')}: NXDOMAIN\n\n`);
      return 1;
    }
    const rec = r.record;
    if (rec.cname) {
      out += `${rec.name}\tcanonical name = ${rec.cname}.\n`;
      ctx.stdout.write(`${out}\n`);
      return 0;
    }
    if (server === undefined) out += 'Non-authoritative answer:\n';
    for (const ip of rec.ips) out += `Name:\t${rec.name}\nAddress: ${ip}\n`;
    ctx.stdout.write(`${out}\n`);
    return 0;
  };
}
