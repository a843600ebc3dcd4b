// ping from iputils 20211215 (Ubuntu 22.04) on a node: ICMP echo every second until -c COUNT
// or Ctrl-C, then the statistics block. ClusterIPs never answer (kube-proxy only rewrites
// TCP/UDP/SCTP), pods and nodes do. Models iputils ping/ping.c and ping_common.c output.
// SIMPLIFICATION: only -c; no -i/-W/-s; round-trip times are drawn, not measured.
import type { Command } from '../../interpreter/types';
import type { NodeNetView } from '../../../engine';

export function createPing(view: NodeNetView): Command {
  return async (ctx) => {
    let count = Infinity;
    let target: string | undefined;
    const a = ctx.argv.slice(1);
    for (let i = 0; i < a.length; i++) {
      if (a[i] === '-c') count = Number(a[++i]);
      else if (a[i]!.startsWith('-c')) count = Number(a[i]!.slice(2));
      else target = a[i];
    }
    if (!target) {
      ctx.stderr.write('ping: usage error: Destination address required\n');
      return 1;
    }
    if (!Number.isFinite(count) && count !== Infinity) {
      ctx.stderr.write(`ping: invalid argument: '${a[a.indexOf('-c') + 1]}'\n`);
      return 1;
    }
    const ip = view.resolveHost(target);
    if (!ip) {
      ctx.stderr.write(`ping: ${target}: Name or service not known\n`);
      return 2;
    }
    ctx.stdout.write(`PING ${target} (${ip}) 56(84) bytes of data.\n`);
    const start = ctx.sys.now();
    let sent = 0;
    let got = 0;
    const rtts: number[] = [];
    while (sent < count && !ctx.interrupt.aborted) {
      sent++;
      const r = view.ping(ip);
      if (r) {
        got++;
        rtts.push(r.rttMs);
        const t = r.rttMs < 1 ? r.rttMs.toFixed(3) : r.rttMs < 10 ? r.rttMs.toFixed(2) : r.rttMs.toFixed(1);
        ctx.stdout.write(`64 bytes from ${ip}: icmp_seq=${sent} ttl=${r.ttl} time=${t} ms\n`);
      }
      if (sent < count) await ctx.sys.sleep(1000, ctx.interrupt);
    }
    const time = Math.max(0, ctx.sys.now() - start);
    const loss = sent ? Math.round(((sent - got) * 100) / sent) : 0;
    let out = `\n--- ${target} ping statistics ---\n${sent} packets transmitted, ${got} received, ${loss}% packet loss, time ${time}ms\n`;
    if (rtts.length) {
      const min = Math.min(...rtts);
      const max = Math.max(...rtts);
      const avg = rtts.reduce((s, x) => s + x, 0) / rtts.length;
      const mdev = Math.sqrt(rtts.reduce((s, x) => s + (x - avg) ** 2, 0) / rtts.length);
      out += `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`;
    }
    ctx.stdout.write(out);
    return got ? 0 : 1;
  };
}
