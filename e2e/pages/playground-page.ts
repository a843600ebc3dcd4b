// Page object for the playground: finds things by their accessible names and data attributes,
// types into the terminal and reads its text from xterm's DOM renderer (.xterm-rows).
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export const LABELS = {
  en: { terminal: 'Terminal', graph: 'Cluster graph', events: 'Events', pause: 'Pause', play: 'Play', speed: 'Speed', clock: 'Virtual time', playground: 'Playground' },
  es: { terminal: 'Terminal', graph: 'Gráfico del clúster', events: 'Eventos', pause: 'Pausa', play: 'Reproducir', speed: 'Velocidad', clock: 'Hora virtual', playground: 'Entorno' },
} as const;
export type Lang = keyof typeof LABELS;

export class PlaygroundPage {
  readonly consoleErrors: string[] = [];
  private labels: (typeof LABELS)[Lang];

  constructor(readonly page: Page, readonly lang: Lang = 'en') {
    this.labels = LABELS[lang];
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => this.consoleErrors.push(String(e)));
  }

  async goto(): Promise<void> {
    await this.page.goto(`/?lang=${this.lang}`);
    await this.waitForPrompt();
  }

  get terminal(): Locator {
    return this.page.getByRole('region', { name: this.labels.terminal, exact: true });
  }
  get graph(): Locator {
    return this.page.getByRole('region', { name: this.labels.graph, exact: true });
  }
  get events(): Locator {
    return this.page.getByRole('region', { name: this.labels.events, exact: true });
  }
  get pauseButton(): Locator {
    return this.page.getByRole('button', { name: this.labels.pause, exact: true });
  }
  get playButton(): Locator {
    return this.page.getByRole('button', { name: this.labels.play, exact: true });
  }
  get speed(): Locator {
    return this.page.getByRole('combobox', { name: this.labels.speed, exact: true });
  }
  get clock(): Locator {
    return this.page.getByRole('timer', { name: this.labels.clock, exact: true });
  }

  /** The terminal's visible text, one line per row, trailing spaces removed. */
  async terminalText(): Promise<string> {
    const rows = this.terminal.locator('.xterm-rows > div');
    const lines = await rows.allTextContents();
    return lines.map((l) => l.replace(/\u00a0/g, ' ').trimEnd()).join('\n').trimEnd();
  }

  async waitForPrompt(): Promise<void> {
    await expect.poll(() => this.terminalText(), { timeout: 30_000 }).toMatch(/k8s@node1:~\$$/);
  }

  /** Types a command and presses Enter, then waits for the next prompt. */
  async run(command: string): Promise<string> {
    const before = await this.terminalText();
    await this.terminal.locator('.xterm').click();
    await this.page.keyboard.type(command);
    await this.page.keyboard.press('Enter');
    await expect.poll(async () => {
      const now = await this.terminalText();
      return now.length > before.length + command.length && /k8s@node1:\S*\$$/.test(now);
    }).toBe(true);
    return this.terminalText();
  }

  async clockNow(): Promise<number> {
    return Number(await this.clock.getAttribute('data-now'));
  }

  // ---- instructor mode: presenter view and the cluster timeline (e2e/presenter.spec.ts)

  get presenterToggle(): Locator {
    return this.page.getByRole('button', { name: this.lang === 'es' ? 'Vista de presentación' : 'Presenter view', exact: true });
  }
  get timeline(): Locator {
    return this.page.getByRole('region', { name: this.lang === 'es' ? 'Línea de tiempo del clúster' : 'Cluster timeline', exact: true });
  }
  get timelineSlider(): Locator {
    return this.timeline.getByRole('slider', { name: this.lang === 'es' ? 'Línea de tiempo' : 'Timeline', exact: true });
  }

  /** Drags the timeline to virtual time `ms` (sets the range's value as a drag does, then fires input). */
  async scrubTimeline(ms: number): Promise<void> {
    await this.timelineSlider.evaluate((el, v) => {
      const input = el as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, String(v));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, ms);
  }

  /** The terminal's computed font size in px (xterm's rows). */
  async terminalFontSize(): Promise<number> {
    return this.terminal.locator('.xterm-rows').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  }

  /** Opens the header's "Playground" menu (Reset, Export, Import, Share link). */
  async openPlaygroundMenu(): Promise<void> {
    const menu = this.page.locator('details.header-menu');
    if (await menu.evaluate((d) => (d as HTMLDetailsElement).open)) return;
    await menu.locator('summary', { hasText: this.labels.playground }).click();
    await expect(menu.locator('.header-menu-panel')).toBeVisible();
  }
}
