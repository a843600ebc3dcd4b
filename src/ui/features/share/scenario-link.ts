// Share links for a playground (issue #7, instructor mode): the exported playground JSON,
// deflate-raw compressed (CompressionStream), base64url-encoded into `#scenario=<data>` — the
// fragment never reaches a server. Decoding stops reading past a byte cap (zip bombs).
// Pure: no DOM beyond the Streams/Compression and TextEncoder/Decoder globals (Node 20 has them).
// Leaves out: signing or encrypting the link (anyone with it can read the scenario).

/** The fragment key of a shared scenario: `#scenario=<data>`. */
export const SCENARIO_KEY = 'scenario';

/**
 * Longest link we offer: Chromium refuses URLs longer than 2 MB (url::kMaxURLChars =
 * 2 * 1024 * 1024, see chromium/src docs/security/url_display_guidelines.md "URL length").
 * Other browsers and chat tools truncate far sooner; the UI says how long a link is.
 */
export const MAX_LINK_LENGTH = 2 * 1024 * 1024;

export type ScenarioLinkErrorCode = 'corrupt' | 'tooLarge';

/** Why a link could not be decoded: `corrupt` (not base64url, not deflate, not UTF-8, truncated) or `tooLarge`. */
export class ScenarioLinkError extends Error {
  constructor(readonly code: ScenarioLinkErrorCode, message: string) {
    super(message);
    this.name = 'ScenarioLinkError';
  }
}

const CHUNK = 0x8000;

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of a base64url string (padding optional); throws ScenarioLinkError('corrupt'). */
export function fromBase64Url(padded: string): Uint8Array<ArrayBuffer> {
  const s = padded.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) throw new ScenarioLinkError('corrupt', 'the link is not valid base64url');
  let bin: string;
  try {
    bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  } catch {
    throw new ScenarioLinkError('corrupt', 'the link is not valid base64url');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ScenarioLinkError('tooLarge', `the scenario is larger than ${maxBytes} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Input bytes handed to the (de)compressor at a time. */
export const INPUT_CHUNK = 4096;

/**
 * `bytes` as a pulled stream of `chunk`-byte pieces. Decompressors may inflate a whole input
 * chunk before the reader can stop them (deflate expands up to ~1032×), so the cap in readAll
 * only bounds memory when each piece is small: one 2 MB link fed at once could become 2 GB.
 */
export function chunkedStream(bytes: Uint8Array<ArrayBuffer>, chunk = INPUT_CHUNK): ReadableStream<BufferSource> {
  let at = 0;
  return new ReadableStream<BufferSource>(
    {
      pull(c) {
        if (at >= bytes.length) {
          c.close();
          return;
        }
        c.enqueue(bytes.subarray(at, at + chunk));
        at += chunk;
      },
    },
    { highWaterMark: 0 },
  );
}
const streamOf = (bytes: Uint8Array<ArrayBuffer>): ReadableStream<BufferSource> => chunkedStream(bytes);

/** The `<data>` of a link for an exported playground (JSON text). */
export async function encodeScenario(json: string): Promise<string> {
  const packed = await readAll(streamOf(new TextEncoder().encode(json)).pipeThrough(new CompressionStream('deflate-raw')), Infinity);
  return toBase64Url(packed);
}

/**
 * The JSON text of a link's `<data>`, reading at most `maxBytes` decompressed bytes.
 * Throws ScenarioLinkError: 'tooLarge' past the cap, 'corrupt' for anything that does not decode.
 */
export async function decodeScenario(data: string, maxBytes: number): Promise<string> {
  const packed = fromBase64Url(data);
  if (packed.length === 0) throw new ScenarioLinkError('corrupt', 'the link is empty');
  let bytes: Uint8Array;
  try {
    bytes = await readAll(streamOf(packed).pipeThrough(new DecompressionStream('deflate-raw')), maxBytes);
  } catch (e) {
    if (e instanceof ScenarioLinkError) throw e;
    throw new ScenarioLinkError('corrupt', 'the link is damaged or incomplete');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ScenarioLinkError('corrupt', 'the link is damaged (not UTF-8)');
  }
}

/** The whole link: this page's origin and path, then `#scenario=<data>` (no query: the receiver keeps their language). */
export function scenarioLink(page: { origin: string; pathname: string }, data: string): string {
  return `${page.origin}${page.pathname}#${SCENARIO_KEY}=${data}`;
}

/** The `<data>` of a location hash `#scenario=<data>`, or null when the hash is something else. */
export function scenarioFromHash(hash: string): string | null {
  const prefix = `#${SCENARIO_KEY}=`;
  return hash.startsWith(prefix) ? hash.slice(prefix.length) : null;
}
