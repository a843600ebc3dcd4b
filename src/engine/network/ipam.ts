// Address allocation as the API server does it for Services: ClusterIPs from the service
// CIDR (10.96.0.0/12) and NodePorts from 30000-32767. Dynamic allocations are random (seeded)
// and prefer the upper band, leaving the low band for addresses requested explicitly, as
// the bitmap allocators with a static reservation band do since Kubernetes 1.27.
// Models pkg/registry/core/service/ipallocator/bitmap.go and portallocator/allocator.go
import type { Rng } from '../core/rng';

export function ipToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface Cidr {
  base: number;
  bits: number;
  size: number;
  text: string;
}

export function parseCidr(text: string): Cidr {
  const [ip, bitsText] = text.split('/');
  const bits = Number(bitsText);
  const base = ipToInt(ip) ?? 0;
  const size = 2 ** (32 - bits);
  return { base: base - (base % size), bits, size, text };
}

export function cidrContains(c: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  return n !== undefined && n >= c.base && n < c.base + c.size;
}

/** Lower band reserved for static allocation: clamp(size/divisor, min, max). */
function staticBand(size: number, min: number, max: number, divisor: number): number {
  return Math.min(Math.max(min, Math.floor(size / divisor)), max);
}

export type AllocateError = 'allocated' | 'out-of-range' | 'full';

export class ClusterIPAllocator {
  private used = new Set<number>();
  readonly cidr: Cidr;
  private readonly offset: number;
  private readonly max: number;

  constructor(cidrText: string, private readonly rng: Rng) {
    this.cidr = parseCidr(cidrText);
    // network and broadcast addresses are not usable
    this.max = this.cidr.size - 2;
    this.offset = staticBand(this.max, 16, 256, 16);
  }

  allocate(ip: string): AllocateError | undefined {
    const n = ipToInt(ip);
    if (n === undefined || n <= this.cidr.base || n >= this.cidr.base + this.cidr.size - 1) return 'out-of-range';
    if (this.used.has(n)) return 'allocated';
    this.used.add(n);
    return undefined;
  }

  allocateNext(): string | undefined {
    const tryBand = (lo: number, hi: number): number | undefined => {
      const span = hi - lo;
      if (span <= 0) return undefined;
      const start = this.rng.int(span);
      for (let i = 0; i < span; i++) {
        const n = this.cidr.base + 1 + lo + ((start + i) % span);
        if (!this.used.has(n)) return n;
      }
      return undefined;
    };
    const n = tryBand(this.offset, this.max) ?? tryBand(0, this.offset);
    if (n === undefined) return undefined;
    this.used.add(n);
    return intToIp(n);
  }

  release(ip: string): void {
    const n = ipToInt(ip);
    if (n !== undefined) this.used.delete(n);
  }

  has(ip: string): boolean {
    const n = ipToInt(ip);
    return n !== undefined && this.used.has(n);
  }
}

export class PortAllocator {
  private used = new Set<number>();
  private readonly offset: number;

  constructor(readonly base: number, readonly size: number, private readonly rng: Rng) {
    this.offset = staticBand(size, 16, 128, 32);
  }

  get rangeText(): string {
    return `${this.base}-${this.base + this.size - 1}`;
  }

  allocate(port: number): AllocateError | undefined {
    if (port < this.base || port >= this.base + this.size) return 'out-of-range';
    if (this.used.has(port)) return 'allocated';
    this.used.add(port);
    return undefined;
  }

  allocateNext(): number | undefined {
    const tryBand = (lo: number, hi: number): number | undefined => {
      const span = hi - lo;
      if (span <= 0) return undefined;
      const start = this.rng.int(span);
      for (let i = 0; i < span; i++) {
        const p = this.base + lo + ((start + i) % span);
        if (!this.used.has(p)) return p;
      }
      return undefined;
    };
    const p = tryBand(this.offset, this.size) ?? tryBand(0, this.offset);
    if (p !== undefined) this.used.add(p);
    return p;
  }

  release(port: number): void {
    this.used.delete(port);
  }
}
