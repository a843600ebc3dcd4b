import { describe, it, expect } from 'vitest';
import { sha256Hex } from './sha256';
import { utf8Encode } from './format';

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('a'.repeat(1000))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
  });
  it('hashes binary strings byte by byte and UTF-8 text after encoding', () => {
    expect(sha256Hex('\u00ff')).toBe(sha256Hex(new Uint8Array([0xff])));
    expect(sha256Hex(utf8Encode('é'))).toBe(sha256Hex(new Uint8Array([0xc3, 0xa9])));
  });
});
