// Image reference parsing and normalisation, as the kubelet and containerd do it
// (docker reference grammar: `nginx` → `docker.io/library/nginx:latest`).
// Models github.com/distribution/reference (normalize.go, regexp.go, reference.go).
// Leaves out digest-algorithm validation beyond the grammar and ParseAnyReference of bare ids.

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|\\[(?:[a-fA-F0-9:]+)\\])`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRe = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const anchoredNameRe = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const identifierRe = /^[a-f0-9]{64}$/;

const NAME_TOTAL_LENGTH_MAX = 255;

export interface ImageReference {
  domain: string; // docker.io
  path: string; // library/nginx
  tag?: string;
  digest?: string;
}

export type ParseResult = { ok: true; ref: ImageReference } | { ok: false; error: string };

function parse(s: string): ParseResult {
  const m = referenceRe.exec(s);
  if (!m) {
    if (s === '') return { ok: false, error: 'repository name must have at least one component' };
    if (referenceRe.test(s.toLowerCase())) return { ok: false, error: 'repository name must be lowercase' };
    return { ok: false, error: 'invalid reference format' };
  }
  const name = m[1]!;
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    return { ok: false, error: `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters` };
  }
  const nm = anchoredNameRe.exec(name)!;
  const ref: ImageReference = { domain: nm[1] ?? '', path: nm[2]! };
  if (m[2] !== undefined) ref.tag = m[2];
  if (m[3] !== undefined) ref.digest = m[3];
  return { ok: true, ref };
}

function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash < 0) return ['docker.io', `library/${name}`];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain === 'index.docker.io') [domain, remote] = ['docker.io', maybeRemote];
  else if (/[.:]/.test(maybeDomain)) [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemote];
  else [domain, remote] = ['docker.io', name];
  if (domain === 'docker.io' && !remote.includes('/')) remote = `library/${remote}`;
  return [domain, remote];
}

/** ParseNormalizedNamed: familiar name → fully qualified reference (no default tag added). */
export function parseNormalizedNamed(s: string): ParseResult {
  if (identifierRe.test(s)) {
    return { ok: false, error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings` };
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    return { ok: false, error: `invalid reference format: repository name (${remote}) must be lowercase` };
  }
  return parse(`${domain}/${remainder}`);
}

export interface NormalizedRef {
  /** `docker.io/library/nginx:latest` (or `...@sha256:...` when digested) — status.image */
  full: string;
  /** `docker.io/library/nginx` */
  repository: string;
  tag: string; // '' when only a digest was given
  digest?: string;
  /** Familiar form, as `docker images` prints it: `nginx:latest` */
  familiar: string;
}

/**
 * Normalises like the kubelet (applyDefaultImageTag) plus containerd (ParseDockerRef):
 * `nginx` → `docker.io/library/nginx:latest`. A reference with tag and digest keeps the digest.
 * Errors carry the kubelet's text: `couldn't parse image name "X": <reference error>`.
 */
export function normalizeImageRef(ref: string): { ok: true; value: NormalizedRef } | { ok: false; error: string } {
  const r = parseNormalizedNamed(ref);
  if (!r.ok) return { ok: false, error: `couldn't parse image name ${goQuote(ref)}: ${r.error}` };
  const { domain, path, digest } = r.ref;
  const repository = `${domain}/${path}`;
  const tag = digest ? '' : (r.ref.tag ?? 'latest');
  const full = digest ? `${repository}@${digest}` : `${repository}:${tag}`;
  let fam = path;
  if (domain !== 'docker.io') fam = `${domain}/${path}`;
  else if (path.startsWith('library/') && !path.slice(8).includes('/')) fam = path.slice(8);
  const familiar = digest ? `${fam}@${digest}` : `${fam}:${tag}`;
  return { ok: true, value: { full, repository, tag, ...(digest ? { digest } : {}), familiar } };
}

/** Go's %q for the ASCII strings image names are. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
