// The contract between the shell interpreter and every command (coreutils, jq, kubectl, minikube).
// A command is an async function over a context: argv, streams, environment, virtual fs and clock.
// Leaves out: real processes, signals other than interrupt (Ctrl-C / timeout), file descriptors > 2.
import type { Vfs } from '../vfs/vfs';

export type { Vfs };

export interface Writer { write(text: string): void }
/** `read()` yields the next chunk as it is produced; null = EOF. */
export interface Reader { read(): Promise<string | null>; readAll(): Promise<string> }
export interface Interrupt { readonly aborted: boolean; onAbort(cb: () => void): () => void /* unsubscribe */ }

/** Injected by the host (engine clock in sim/worker). */
export interface Sys {
  now(): number;                                          // virtual epoch ms
  sleep(ms: number, interrupt: Interrupt): Promise<void>; // resolves early (no throw) when interrupted
  hostname: string;                                       // e.g. 'node1'
  user: string;                                           // e.g. 'k8s'
}

export type RunIo = Partial<Pick<CommandContext, 'stdin' | 'stdout' | 'stderr' | 'interrupt' | 'isTTY'>>;

export interface CommandContext {
  argv: string[];            // argv[0] is the command name
  stdin: Reader; stdout: Writer; stderr: Writer;
  env: Map<string, string>;  cwd: string; fs: Vfs; sys: Sys;
  interrupt: Interrupt;      // Ctrl-C or timeout
  isTTY: boolean;            // stdout is the terminal (not a pipe/file)
  columns: number; rows: number;
  /** Nested run (watch, timeout, sudo, sh -c). `interrupt`/`isTTY` are extensions of the contract. */
  run(script: string, io?: RunIo): Promise<number>;
}

export type Command = (ctx: CommandContext) => Promise<number>;
