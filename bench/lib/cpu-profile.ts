// In-process CPU profiling for `npm run bench -- --profile`: the V8 profiler through
// node:inspector, with every call frame mapped back to its TypeScript source line through the
// source maps tsx registers (a plain `node --cpu-prof` run reports tsx's one-line output, so
// every function sits on "line 1"). Writes a .cpuprofile that DevTools opens as usual.
import { Session } from 'node:inspector';
import { findSourceMap } from 'node:module';
import { writeFileSync } from 'node:fs';
import type { Profile } from '../profile';

function post<T>(s: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => s.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
}

export interface Profiler {
  stop(file: string): Promise<Profile>;
}

export async function startProfiler(): Promise<Profiler> {
  const s = new Session();
  s.connect();
  await post(s, 'Profiler.enable');
  await post(s, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(s, 'Profiler.start');
  return {
    async stop(file: string): Promise<Profile> {
      const { profile } = await post<{ profile: Profile }>(s, 'Profiler.stop');
      s.disconnect();
      for (const n of profile.nodes) {
        const cf = n.callFrame;
        if (!cf.url.startsWith('file://')) continue;
        const entry = findSourceMap(cf.url)?.findEntry(cf.lineNumber, cf.columnNumber);
        if (entry && 'originalLine' in entry && entry.originalSource) {
          cf.url = entry.originalSource;
          cf.lineNumber = entry.originalLine;
          cf.columnNumber = entry.originalColumn;
        }
        delete n.positionTicks; // lines of the generated code: meaningless after remapping
      }
      writeFileSync(file, JSON.stringify(profile));
      return profile;
    },
  };
}
