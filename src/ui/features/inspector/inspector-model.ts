// Pure helpers of the inspector: which object is open (a tiny vanilla Zustand store) and the
// kubectl command lines that show it (`get -o yaml`, `describe`, `logs`), run in the worker so
// the output is exactly the terminal's. Leaves out: several inspectors at once.
import { createStore } from 'zustand/vanilla';

export interface InspectTarget {
  kind: string;
  name: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  uid?: string;
}

export type InspectorView = 'yaml' | 'describe' | 'events' | 'logs';

export interface InspectorState {
  target: InspectTarget | null;
  open(t: InspectTarget): void;
  close(): void;
}

export const inspectorStore = createStore<InspectorState>()((set) => ({
  target: null,
  open: (target) => set({ target }),
  close: () => set({ target: null }),
}));

/** kubectl's resource name for a kind the UI draws (group-qualified where kubectl prints it so). */
export function resourceFor(kind: string): string {
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      return `${kind.toLowerCase()}s.apps`;
    case 'ReplicationController':
      return 'replicationcontrollers';
    case 'Endpoints':
      return 'endpoints';
    default:
      return `${kind.toLowerCase()}s`;
  }
}

/** The views an object has: logs only for pods. */
export function viewsFor(kind: string): InspectorView[] {
  return kind === 'Pod' ? ['yaml', 'describe', 'events', 'logs'] : ['yaml', 'describe', 'events'];
}

/** Arguments of the kubectl command behind a view (none for events: they come from the mirror). */
export function kubectlArgs(t: InspectTarget, view: InspectorView): string[] | undefined {
  const ns = t.namespace ? ['-n', t.namespace] : [];
  const res = resourceFor(t.kind);
  switch (view) {
    case 'yaml':
      return ['get', res, t.name, ...ns, '-o', 'yaml'];
    case 'describe':
      return ['describe', res, t.name, ...ns];
    case 'logs':
      return ['logs', t.name, ...ns, '--all-containers=true', '--tail=500'];
    case 'events':
      return undefined;
  }
}
