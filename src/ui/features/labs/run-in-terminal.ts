// "Run in terminal": a command of a lab step goes to the terminal as if the student typed it and
// pressed Enter, as a paste into xterm's input (the terminal's line editor then runs it at the
// prompt, or queues it behind pasted lines; while a command runs it is that command's input, as
// in a real terminal). Leaves out: a terminal that is not on the page (nothing happens).

/** Pastes `command` and a newline into the terminal's xterm; false when there is no terminal. */
export function runInTerminal(doc: Document, command: string): boolean {
  const input = doc.querySelector<HTMLTextAreaElement>('.panel.terminal .xterm-helper-textarea');
  if (!input) return false;
  const data = new DataTransfer();
  data.setData('text/plain', `${command}\n`);
  input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  return true;
}
