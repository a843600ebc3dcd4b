// Go's time.Duration.String() for the durations the kubelet prints ("10s", "1.234s", "512ms", "5m0s").
// Models go/src/time/time.go (Duration.String)
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${trim(ms)}ms`;
  const totalSec = ms / 1000;
  if (totalSec < 60) return `${trim(totalSec)}s`;
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = totalSec - h * 3600 - m * 60;
  return `${h ? `${h}h` : ''}${m}m${trim(s)}s`;
}

function trim(n: number): string {
  return String(Number(n.toFixed(9)));
}
