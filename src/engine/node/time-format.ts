// Timestamp format of CRI log lines and `kubectl logs --timestamps` (RFC 3339 with nanoseconds).
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-22T10:00:00.123Z
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}
