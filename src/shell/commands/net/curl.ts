// curl 7.81.0 (Ubuntu 22.04's) on a node: HTTP/1.1 GET/POST/HEAD over the simulated network,
// with -s/-S, -i/-I, -v, -H, -X, -d, -o, -w, -f, -m/--connect-timeout, the progress meter on a
// non-terminal stderr, and curl's own error texts and exit codes (6, 7, 22, 28, 52).
// Models curl/src/tool_*.c, lib/progress.c (progress meter) and lib/connect.c (failure texts).
// SIMPLIFICATION: no TLS, redirects (-L), cookies, uploads (-T) or HTTP/2.
import type { Command, CommandContext } from '../../interpreter/types';
import type { HttpExchange, NodeNetView } from '../../../engine';
import { NetFailure } from '../../../engine';

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

interface Opts {
  silent: boolean;
  showError: boolean;
  include: boolean;
  head: boolean;
  verbose: boolean;
  fail: boolean;
  method?: string;
  headers: [string, string][];
  data?: string;
  output?: string;
  writeOut?: string;
  maxTime?: number;
  urls: string[];
}

const USAGE =
  'Usage: curl [options...] <url>\n' +
  " -d, --data <data>          HTTP POST data\n" +
  ' -f, --fail                 Fail silently (no output at all) on HTTP errors\n' +
  ' -h, --help <category>      Get help for commands\n' +
  ' -i, --include              Include protocol response headers in the output\n' +
  ' -o, --output <file>        Write to file instead of stdout\n' +
  ' -O, --remote-name          Write output to a file named as the remote file\n' +
  ' -s, --silent               Silent mode\n' +
  ' -T, --upload-file <file>   Transfer local FILE to destination\n' +
  ' -u, --user <user:password> Server user and password\n' +
  ' -A, --user-agent <name>    Send User-Agent <name> to server\n' +
  ' -v, --verbose              Make the operation more talkative\n' +
  ' -V, --version              Show version number and quit\n' +
  '\n' +
  'This is not the full help, this menu is stripped into categories.\n' +
  'Use "--help category" to get an overview of all categories.\n' +
  'For all options use the manual or "--help all".\n';

const VERSION =
  'curl 7.81.0 (x86_64-pc-linux-gnu) libcurl/7.81.0 OpenSSL/3.0.2 zlib/1.2.11 brotli/1.0.9 zstd/1.4.8 libidn2/2.3.2 libpsl/0.21.0 (+libidn2/2.3.2) libssh/0.9.6/openssl/zlib nghttp2/1.43.0 librtmp/2.3 OpenLDAP/2.5.18\n' +
  'Release-Date: 2022-01-05\n' +
  'Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp\n' +
  'Features: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL TLS-SRP UnixSockets zstd\n';

class UsageError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

function parse(argv: string[]): Opts {
  const o: Opts = { silent: false, showError: false, include: false, head: false, verbose: false, fail: false, headers: [], urls: [] };
  const need = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined) throw new UsageError(2, `curl: option ${flag}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    return v;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const val = () => inline ?? need(++i, name);
      switch (name) {
        case '--silent': o.silent = true; break;
        case '--show-error': o.showError = true; break;
        case '--include': o.include = true; break;
        case '--head': o.head = true; break;
        case '--verbose': o.verbose = true; break;
        case '--fail': o.fail = true; break;
        case '--insecure': case '--location': case '--compressed': break;
        case '--request': o.method = val(); break;
        case '--header': o.headers.push(splitHeader(val())); break;
        case '--data': case '--data-raw': case '--data-binary': o.data = o.data === undefined ? val() : `${o.data}&${val()}`; break;
        case '--output': o.output = val(); break;
        case '--write-out': o.writeOut = val(); break;
        case '--max-time': case '--connect-timeout': o.maxTime = Number(val()) * 1000; break;
        case '--user-agent': o.headers.push(['User-Agent', val()]); break;
        case '--url': o.urls.push(val()); break;
        default:
          throw new UsageError(2, `curl: option ${name}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j]!;
        const rest = a.slice(j + 1);
        const val = () => (rest ? rest : need(++i, `-${f}`));
        let consumed = false;
        switch (f) {
          case 's': o.silent = true; break;
          case 'S': o.showError = true; break;
          case 'i': o.include = true; break;
          case 'I': o.head = true; break;
          case 'v': o.verbose = true; break;
          case 'f': o.fail = true; break;
          case 'k': case 'L': break;
          case 'X': o.method = val(); consumed = true; break;
          case 'H': o.headers.push(splitHeader(val())); consumed = true; break;
          case 'd': o.data = o.data === undefined ? val() : `${o.data}&${val()}`; consumed = true; break;
          case 'o': o.output = val(); consumed = true; break;
          case 'w': o.writeOut = val(); consumed = true; break;
          case 'm': o.maxTime = Number(val()) * 1000; consumed = true; break;
          case 'A': o.headers.push(['User-Agent', val()]); consumed = true; break;
          default:
            throw new UsageError(2, `curl: option -${f}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
        }
        if (consumed) break;
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}

function splitHeader(h: string): [string, string] {
  const i = h.indexOf(':');
  return i < 0 ? [h, ''] : [h.slice(0, i).trim(), h.slice(i + 1).trim()];
}

/** lib/progress.c max5data: a number in at most 5 characters. */
function max5(n: number): string {
  const K = 1024;
  const M = K * K;
  if (n < 100000) return String(Math.floor(n)).padStart(5);
  if (n < 10000 * K) return `${String(Math.floor(n / K)).padStart(4)}k`;
  if (n < 100 * M) return `${String(Math.floor(n / M)).padStart(2)}.${Math.floor((n % M) / (M / 10))}M`;
  return `${String(Math.floor(n / M)).padStart(4)}M`;
}

const pct = (n: number) => String(n).padStart(3);

function meterLine(total: number, got: number, ms: number): string {
  const speed = ms > 0 ? (got * 1000) / ms : got;
  const p = total > 0 ? Math.floor((got * 100) / total) : 0;
  return `\r${pct(total ? p : 0)} ${max5(total)}  ${pct(p)} ${max5(got)}    0     0  ${max5(speed)}      0 --:--:-- --:--:-- --:--:-- ${max5(speed)}`;
}

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

function failureText(e: NetFailure, host: string, ip: string | undefined, port: number): { code: number; text: string } {
  if (e.code === 'ENOTFOUND') return { code: 6, text: `Could not resolve host: ${host}` };
  if (e.timedOut) return { code: 28, text: `Connection timed out after ${e.afterMs + 1} milliseconds` };
  const why = e.code === 'ECONNREFUSED' ? 'Connection refused' : e.code === 'EHOSTUNREACH' ? 'No route to host' : 'Connection timed out';
  return { code: e.code === 'ETIMEDOUT' ? 28 : 7, text: `Failed to connect to ${ip ?? host} port ${port} after ${e.afterMs} ms: ${why}` };
}

function writeOut(fmt: string, x: HttpExchange | undefined, sizeDownload: number, timeMs: number): string {
  return fmt
    .replace(/%\{(\w+)\}/g, (_m, k: string) => {
      switch (k) {
        case 'http_code':
        case 'response_code':
          return String(x?.response.status ?? 0).padStart(3, '0');
        case 'remote_ip':
          return x?.ip ?? '';
        case 'remote_port':
          return x ? String(x.port) : '';
        case 'size_download':
          return String(sizeDownload);
        case 'content_type':
          return headerValue(x?.response.headers, 'content-type') ?? '';
        case 'time_total':
          return (timeMs / 1000).toFixed(6);
        default:
          return '';
      }
    })
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\r/g, '\r');
}

function headerValue(h: Record<string, string> | undefined, name: string): string | undefined {
  if (!h) return undefined;
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === name) return v;
  return undefined;
}

export function createCurl(view: NodeNetView): Command {
  return async (ctx: CommandContext): Promise<number> => {
    let o: Opts;
    try {
      o = parse(ctx.argv);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      ctx.stderr.write(e.message);
      return e.code;
    }
    if (ctx.argv.includes('-V') || ctx.argv.includes('--version')) {
      ctx.stdout.write(VERSION);
      return 0;
    }
    if (ctx.argv.includes('-h') || ctx.argv.includes('--help')) {
      ctx.stdout.write(USAGE);
      return 0;
    }
    if (!o.urls.length) {
      ctx.stderr.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    let last = 0;
    for (const url of o.urls) last = await fetchOne(ctx, view, o, url);
    return last;
  };
}

async function fetchOne(ctx: CommandContext, view: NodeNetView, o: Opts, rawUrl: string): Promise<number> {
  const err = (s: string) => ctx.stderr.write(s);
  const showErrors = !o.silent || o.showError;
  const m = /^(?:([a-z]+):\/\/)?([^/:?#]*)(?::(\d*))?([/?#].*)?$/i.exec(rawUrl);
  const scheme = (m?.[1] ?? 'http').toLowerCase();
  if (!m || (scheme !== 'http' && scheme !== 'https')) {
    if (showErrors) err(`curl: (1) Protocol "${scheme}" not supported or disabled in libcurl\n`);
    return 1;
  }
  const host = m[2] ?? '';
  if (!host) {
    if (showErrors) err('curl: (3) URL using bad/illegal format or missing URL\n');
    return 3;
  }
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  const path = m[4] ?? '/';
  const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = {};
  const user: Record<string, string> = {};
  for (const [k, v] of o.headers) user[k.toLowerCase()] = v;
  headers.Host = user.host ?? (port === (scheme === 'https' ? 443 : 80) ? host : `${host}:${port}`);
  headers['User-Agent'] = user['user-agent'] ?? 'curl/7.81.0';
  headers.Accept = user.accept ?? '*/*';
  for (const [k, v] of o.headers) if (!['host', 'user-agent', 'accept'].includes(k.toLowerCase())) headers[k] = v;
  if (o.data !== undefined) {
    headers['Content-Length'] = String(o.data.length);
    if (!('content-type' in user)) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  const meter = !o.silent && !o.verbose && !ctx.isTTY;
  if (meter) err(METER_HEAD + meterLine(0, 0, 0));
  const ip = view.resolveHost(host);
  if (o.verbose && ip) err(`*   Trying ${ip}:${port}...\n`);
  const start = ctx.sys.now();
  const url = `${scheme}://${ip ?? host}:${port}${path}`;
  let x: HttpExchange;
  const abort = new Promise<'aborted'>((resolve) => {
    if (ctx.interrupt.aborted) resolve('aborted');
    ctx.interrupt.onAbort(() => resolve('aborted'));
  });
  try {
    const got = await Promise.race([view.http({ method, url, headers, ...(o.data !== undefined ? { body: o.data } : {}) }, o.maxTime !== undefined ? { timeoutMs: o.maxTime } : {}), abort]);
    if (got === 'aborted') return 130;
    x = got;
  } catch (e) {
    if (!(e instanceof NetFailure)) throw e;
    const f = failureText(e, host, ip, port);
    if (meter) err('\n');
    if (o.verbose && e.code !== 'ENOTFOUND') err(`* connect to ${ip} port ${port} failed: ${e.code === 'ECONNREFUSED' ? 'Connection refused' : e.code === 'EHOSTUNREACH' ? 'No route to host' : 'Connection timed out'}\n`);
    if (o.verbose && e.code === 'ENOTFOUND') err(`* Could not resolve host: ${host}\n* Closing connection 0\n`);
    if (showErrors) err(`curl: (${f.code}) ${f.text}\n`);
    if (o.writeOut) ctx.stdout.write(writeOut(o.writeOut, undefined, 0, ctx.sys.now() - start));
    return f.code;
  }
  const elapsed = ctx.sys.now() - start;
  if (o.verbose) {
    err(`* Connected to ${host} (${x.ip}) port ${port} (#0)\n`);
    err(`> ${method} ${path} HTTP/1.1\n`);
    for (const [k, v] of Object.entries(headers)) err(`> ${k}: ${v}\n`);
    err('> \n');
    if (o.data !== undefined) err(`} [${o.data.length} bytes data]\n`);
  }
  if (x.emptyReply) {
    if (meter) err('\n');
    if (o.verbose) err('* Empty reply from server\n* Closing connection 0\n');
    if (showErrors) err('curl: (52) Empty reply from server\n');
    return 52;
  }
  const res = x.response;
  const statusLine = `HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}`.trimEnd();
  if (o.fail && res.status >= 400) {
    if (meter) err(meterLine(0, 0, elapsed) + '\n');
    if (showErrors) err(`curl: (22) The requested URL returned error: ${res.status}\n`);
    return 22;
  }
  if (o.verbose) {
    err('* Mark bundle as not supporting multiuse\n');
    err(`< ${statusLine}\n`);
    for (const [k, v] of Object.entries(res.headers)) err(`< ${k}: ${v}\n`);
    err('< \n');
  }
  const body = method === 'HEAD' ? '' : res.body;
  let out = '';
  if (o.include || o.head) {
    out += `${statusLine}\r\n`;
    for (const [k, v] of Object.entries(res.headers)) out += `${k}: ${v}\r\n`;
    out += '\r\n';
  }
  out += body;
  if (o.output && o.output !== '/dev/null') {
    try {
      ctx.fs.writeFile(ctx.fs.resolve(o.output, ctx.cwd), out);
    } catch {
      if (showErrors) err(`curl: (23) Failure writing output to destination\n`);
      return 23;
    }
  } else if (!o.output) ctx.stdout.write(out);
  if (meter) err(meterLine(body.length, body.length, Math.max(1, elapsed)) + '\n');
  if (o.verbose) err(`* Connection #0 to host ${host} left intact\n`);
  if (o.writeOut) ctx.stdout.write(writeOut(o.writeOut, x, body.length, elapsed));
  return 0;
}
