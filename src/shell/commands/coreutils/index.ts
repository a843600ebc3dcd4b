// Registry of the coreutils Timonel ships (name → Command). Builtins that need shell state
// (cd, export, alias, history, read, ...) live in interpreter/builtins.ts instead.
import type { Command } from '../../interpreter/types';
import { cp, ls, mkdir, mv, rm, touch } from './files';
import { clear, date, env, falseCmd, hostname, id, sleep, test, timeout, trueCmd, uname, watch, whoami } from './system';
import { sed } from './sed';
import { awk } from './awk';
import { base64, cat, cut, echo, grep, head, printf, seq, sort, tail, tee, tr, uniq, wc } from './text';

export function coreutils(): Map<string, Command> {
  return new Map<string, Command>([
    ['echo', echo], ['printf', printf], ['cat', cat], ['grep', grep], ['egrep', (ctx) => grep({ ...ctx, argv: ['grep', '-E', ...ctx.argv.slice(1)] })],
    ['head', head], ['tail', tail], ['wc', wc], ['sort', sort], ['uniq', uniq], ['cut', cut], ['tr', tr],
    ['base64', base64], ['seq', seq], ['tee', tee],
    ['ls', ls], ['mkdir', mkdir], ['rm', rm], ['touch', touch], ['cp', cp], ['mv', mv],
    ['sleep', sleep], ['timeout', timeout], ['watch', watch], ['date', date], ['hostname', hostname],
    ['whoami', whoami], ['id', id], ['uname', uname], ['env', env], ['true', trueCmd], ['false', falseCmd],
    ['test', test], ['[', test], ['clear', clear],
    ['sed', sed], ['awk', awk],
  ]);
}
