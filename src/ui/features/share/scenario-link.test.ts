// Share link encoding: round trips (Unicode, empty, large), corrupt and truncated links, the
// decompression cap against zip bombs, and which hashes are scenario links.
import { describe, it, expect } from 'vitest';
import { INPUT_CHUNK, ScenarioLinkError, chunkedStream, decodeScenario, encodeScenario, fromBase64Url, scenarioFromHash, scenarioLink, toBase64Url } from './scenario-link';

const MB = 1024 * 1024;

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ScenarioLinkError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('did not fail');
}

describe('scenario links', () => {
  it('round-trip JSON text, Unicode included, through URL-safe characters', async () => {
    const json = JSON.stringify({ format: 'timonel-playground', note: 'clúster ñandú 🚢', list: Array.from({ length: 200 }, (_, i) => `pod-${i}`) });
    const data = await encodeScenario(json);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(data.length).toBeLessThan(json.length);
    expect(await decodeScenario(data, MB)).toBe(json);
    expect(await decodeScenario(await encodeScenario(''), MB)).toBe('');
  });

  it('base64url matches RFC 4648 §5 (no padding, - and _)', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(toBase64Url(new Uint8Array([0x66, 0x6f]))).toBe('Zm8');
    expect([...fromBase64Url('Zm8')]).toEqual([0x66, 0x6f]);
    expect([...fromBase64Url('Zm8=')]).toEqual([0x66, 0x6f]);
    const big = new Uint8Array(100_000).map((_, i) => (i * 7) & 255);
    expect(fromBase64Url(toBase64Url(big))).toEqual(big);
  });

  it('builds the link on this page and reads only #scenario= hashes', () => {
    expect(scenarioLink({ origin: 'https://timonel.example', pathname: '/app/' }, 'abc')).toBe('https://timonel.example/app/#scenario=abc');
    expect(scenarioFromHash('#scenario=abc')).toBe('abc');
    expect(scenarioFromHash('#scenario=')).toBe('');
    expect(scenarioFromHash('')).toBeNull();
    expect(scenarioFromHash('#labs')).toBeNull();
    expect(scenarioFromHash('#scenarios=abc')).toBeNull();
    expect(scenarioFromHash('#x&scenario=abc')).toBeNull();
  });

  it('says a damaged or truncated link is corrupt', async () => {
    const data = await encodeScenario(JSON.stringify({ a: 'x'.repeat(5000), b: Array.from({ length: 500 }, (_, i) => i) }));
    expect(await failure(decodeScenario('not base64!', MB))).toEqual({ code: 'corrupt', message: 'the link is not valid base64url' });
    expect(await failure(decodeScenario('A', MB))).toEqual({ code: 'corrupt', message: 'the link is not valid base64url' });
    expect(await failure(decodeScenario('', MB))).toEqual({ code: 'corrupt', message: 'the link is empty' });
    expect(await failure(decodeScenario(data.slice(0, Math.floor(data.length / 2)), MB))).toEqual({ code: 'corrupt', message: 'the link is damaged or incomplete' });
    expect(await failure(decodeScenario(toBase64Url(new Uint8Array([0xff, 0xfe, 0xfd, 0x00, 0x13])), MB))).toEqual({ code: 'corrupt', message: 'the link is damaged or incomplete' });
    // Valid deflate of bytes that are not UTF-8.
    const notUtf8 = toBase64Url(new Uint8Array(await new Response(new Blob([new Uint8Array([0xc3, 0x28])]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer()));
    expect(await failure(decodeScenario(notUtf8, MB))).toEqual({ code: 'corrupt', message: 'the link is damaged (not UTF-8)' });
  });

  it('stops reading past the cap (a zip bomb: 64 MB of spaces in a short link)', async () => {
    const bomb = await encodeScenario(' '.repeat(64 * MB));
    expect(bomb.length).toBeLessThan(100_000);
    expect(await failure(decodeScenario(bomb, MB))).toEqual({ code: 'tooLarge', message: `the scenario is larger than ${MB} bytes` });
    const exact = await encodeScenario('y'.repeat(MB));
    expect((await decodeScenario(exact, MB)).length).toBe(MB);
    expect((await failure(decodeScenario(exact, MB - 1))).code).toBe('tooLarge');
  });

  it('feeds the decompressor small pieces (a whole link at once could inflate ~1000× before the cap is checked)', async () => {
    const bytes = new Uint8Array(INPUT_CHUNK * 2 + 10).map((_, i) => i & 255);
    const reader = chunkedStream(bytes).getReader();
    const sizes: number[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sizes.push((value as Uint8Array).byteLength);
    }
    expect(sizes).toEqual([INPUT_CHUNK, INPUT_CHUNK, 10]);
  });
});
