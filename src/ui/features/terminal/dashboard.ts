// `minikube dashboard` in the playground: the command writes `ESC ] 7770 ; dashboard ; URL BEL`
// when its stdout is the terminal (src/shell/commands/minikube), and the terminal answers by
// showing the page's resource tables, the playground's stand-in for the Kubernetes Dashboard.
// Leaves out: a separate dashboard page or window (the tables live beside the terminal).

/** The URL of a `dashboard;URL` OSC 7770 payload, or null for anything else. */
export function parseDashboardOsc(data: string): string | null {
  const m = /^dashboard;(.*)$/s.exec(data);
  return m ? m[1] : null;
}

/** Brings the resource tables region into view and marks it (the terminal keeps the focus). */
export function showResourceTables(doc: Document, url: string): boolean {
  const region = doc.querySelector<HTMLElement>('section.panel.tables');
  if (!region) return false;
  region.dataset.dashboardUrl = url;
  region.classList.remove('dashboard-opened');
  // Restart the highlight animation on every `minikube dashboard`.
  void region.offsetWidth;
  region.classList.add('dashboard-opened');
  region.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  return true;
}
