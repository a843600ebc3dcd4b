// `vi`, `vim` and `nano` for the playground's shell: in the browser they open the file in a tab
// of the YAML editor (a worker → UI `editor.open` push) and wait, as a terminal editor blocks its
// shell, until the tab is saved (`:wq`) or closed (`:q!`). `kubectl edit` launches them the same
// way. Without a UI (`npm run sim`) they say that no editor exists in a transcript.
// Leaves out: editing inside the terminal (no modes, no screen), vim's options and `+LINE`.
import type { Command, Interrupt } from '../shell';
import type { EditorFile } from './protocol';

/** Opens a tab and waits: true = saved, false = closed without saving, null = interrupted. */
export interface EditorHost {
  edit(file: EditorFile, command: string, interrupt: Interrupt): Promise<boolean | null>;
}

export const EDITOR_COMMAND_NAMES = ['vi', 'vim', 'nano'] as const;

export function editorCommand(name: string, host: EditorHost | undefined): Command {
  return async (ctx) => {
    if (!host) {
      ctx.stderr.write(`${name}: no editor is available in the transcript mode of npm run sim; write files with cat <<'EOF' > FILE instead\n`);
      return 1;
    }
    // Options (-R, +10, --) are accepted and ignored; every other word is a file, edited in turn.
    const files = ctx.argv.slice(1).filter((a) => !/^[-+]/.test(a));
    if (files.length === 0) {
      ctx.stderr.write(`${name}: name the file to edit: ${name} FILE (it opens in the YAML editor)\n`);
      return 1;
    }
    let status = 0;
    for (const arg of files) {
      const path = ctx.fs.resolve(arg, ctx.cwd);
      if (ctx.fs.isDir(path)) {
        ctx.stderr.write(`${name}: ${arg}: Is a directory\n`);
        status = 1;
        continue;
      }
      const content = ctx.fs.exists(path) ? ctx.fs.readFile(path) : '';
      const saved = await host.edit({ path, content }, name, ctx.interrupt);
      if (saved === null) return 130;
    }
    return status;
  };
}
