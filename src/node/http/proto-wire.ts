// Protocol buffers wire format, reading and writing: varints, fixed 32/64-bit values and
// length-delimited fields. Enough to read the Kubernetes protobuf bodies typed client-go
// clients send and the descriptors embedded in Go binaries.
// Leaves out: groups (wire types 3/4, unused by Kubernetes) and packed-field writing.
// Models https://protobuf.dev/programming-guides/encoding/

export class ProtobufDecodeError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

export interface WireField {
  num: number;
  wire: number;
  /** Varint and fixed values as bigint (int64 range), bytes as a view. */
  int?: bigint;
  bytes?: Uint8Array;
}

export class WireReader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new ProtobufDecodeError('unexpected EOF');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
      if (shift > 63n) throw new ProtobufDecodeError('integer overflow');
    }
  }

  private take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.buf.length) throw new ProtobufDecodeError('unexpected EOF');
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  field(): WireField {
    const key = this.varint();
    const num = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (num <= 0) throw new ProtobufDecodeError(`illegal tag ${num}`);
    switch (wire) {
      case WIRE_VARINT:
        return { num, wire, int: this.varint() };
      case WIRE_FIXED64: {
        const b = this.take(8);
        return { num, wire, int: new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true), bytes: b };
      }
      case WIRE_BYTES:
        return { num, wire, bytes: this.take(Number(this.varint())) };
      case WIRE_FIXED32: {
        const b = this.take(4);
        return { num, wire, int: BigInt(new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true)), bytes: b };
      }
      default:
        throw new ProtobufDecodeError(`illegal wireType ${wire} for field ${num}`);
    }
  }

  /** All fields of a message, in wire order. */
  static fields(buf: Uint8Array): WireField[] {
    const r = new WireReader(buf);
    const out: WireField[] = [];
    while (!r.done) out.push(r.field());
    return out;
  }
}

/** Signed 64-bit value of a varint (two's complement). */
export const asInt64 = (v: bigint): bigint => BigInt.asIntN(64, v);
export const asInt32 = (v: bigint): number => Number(BigInt.asIntN(32, v));

const utf8 = new TextDecoder('utf-8');
export const text = (b: Uint8Array): string => utf8.decode(b);

/** A minimal writer (varints and length-delimited fields), used by tests and the envelope. */
export class WireWriter {
  private parts: number[] = [];

  varint(v: bigint | number): this {
    let x = BigInt.asUintN(64, BigInt(v));
    for (;;) {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      if (x === 0n) {
        this.parts.push(b);
        return this;
      }
      this.parts.push(b | 0x80);
    }
  }

  tag(num: number, wire: number): this {
    return this.varint((BigInt(num) << 3n) | BigInt(wire));
  }

  int(num: number, v: bigint | number): this {
    return this.tag(num, WIRE_VARINT).varint(v);
  }

  bytes(num: number, b: Uint8Array): this {
    this.tag(num, WIRE_BYTES).varint(b.length);
    for (const x of b) this.parts.push(x);
    return this;
  }

  string(num: number, s: string): this {
    return this.bytes(num, new TextEncoder().encode(s));
  }

  message(num: number, w: WireWriter): this {
    return this.bytes(num, w.finish());
  }

  raw(b: Uint8Array): this {
    for (const x of b) this.parts.push(x);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}
