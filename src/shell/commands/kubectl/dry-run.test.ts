// --dry-run forms of kubectl v1.32 (checked against kubectl v1.32.4 over `npm run serve`): a bare
// flag and boolean values warn through klog and still work; unknown values are errors.
import { describe, it, expect } from 'vitest';
import { makeKube } from './test-harness';

describe('--dry-run', () => {
  it('treats a bare --dry-run as client with klog\'s deprecation warning', async () => {
    const k = makeKube();
    expect(await k.run('kubectl run pp --image alpine --dry-run')).toEqual({
      out: 'pod/pp created (dry run)\n',
      err: 'W1122 09:05:00.000000    4242 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n',
      code: 0,
    });
    expect(await k.run('kubectl get pods')).toEqual({ out: '', err: 'No resources found in default namespace.\n', code: 0 });
  });

  it('maps boolean values to client and none', async () => {
    const k = makeKube();
    expect(await k.run('kubectl run pp --image alpine --dry-run=true -o name')).toEqual({
      out: 'pod/pp\n',
      err: 'W1122 09:05:00.000000    4242 helpers.go:716] --dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.\n',
      code: 0,
    });
    expect(await k.run('kubectl run pp --image alpine --dry-run=false -o name')).toEqual({
      out: 'pod/pp\n',
      err: 'W1122 09:05:00.000000    4242 helpers.go:719] --dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.\n',
      code: 0,
    });
    expect((await k.run('kubectl get pod pp -o name')).out).toBe('pod/pp\n');
    expect(await k.run('kubectl run pq --image alpine --dry-run=xx')).toEqual({ out: '', err: 'error: Invalid dry-run value (xx). Must be "none", "server", or "client".\n', code: 1 });
  });
});
