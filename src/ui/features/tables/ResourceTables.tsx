// Resource tables for Pods, Deployments, ReplicaSets, Services, Nodes and Events, what
// `minikube dashboard` lists: the server's Table output (the columns `kubectl get -A` prints),
// fetched again when the mirrored objects of that kind change (at most once per second).
// A row opens the inspector (click or Enter). Leaves out: sorting, filtering and paging.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Table } from '../../../engine';
import { useCluster, useEngine } from '../../engine';
import { registerToolStrings } from '../persistence/strings';
import { inspectorStore } from '../inspector/inspector-model';
import { TABLE_ACCEPT, TABLE_KINDS, tableView } from './table-model';
import type { TableView } from './table-model';
import '../inspector/tools.css';

registerToolStrings();

const REFRESH_MS = 1000;

export function ResourceTables() {
  const { t } = useTranslation();
  const { client } = useEngine();
  const [index, setIndex] = useState(0);
  const kind = TABLE_KINDS[index];
  const objects = useCluster((s) => s.objects[kind.resource]);
  const [view, setView] = useState<TableView | null>(null);
  const last = useRef(0);

  useEffect(() => {
    let live = true;
    const fetchTable = () => {
      last.current = performance.now();
      client.request('api', { method: 'GET', path: kind.path, headers: { accept: TABLE_ACCEPT } }).then(
        (res) => {
          if (live && res.status === 200) setView(tableView(res.body as Table, kind.namespaced));
        },
        () => {},
      );
    };
    const wait = Math.max(0, last.current + REFRESH_MS - performance.now());
    const timer = setTimeout(fetchTable, wait);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, kind, objects]);

  return (
    <section className="panel tables" aria-label={t('tables.region')}>
      <div className="panel-head">
        <h2>{t('tables.region')}</h2>
      </div>
      <div role="tablist" className="tabs" aria-label={t('tables.kinds')}>
        {TABLE_KINDS.map((k, i) => (
          <button key={k.resource} type="button" role="tab" aria-selected={i === index} onClick={() => { setView(null); setIndex(i); }}>{k.label}</button>
        ))}
      </div>
      <div className="tables-scroll" role="tabpanel" aria-label={kind.label}>
        {view && view.rows.length === 0 && <p className="empty">{t('tables.empty')}</p>}
        {view && view.rows.length > 0 && (
          <table className="kube-table" data-kind={kind.kind}>
            <thead><tr>{view.columns.map((c, i) => <th key={i}>{c}</th>)}</tr></thead>
            <tbody>
              {view.rows.map((r) => {
                const open = () => inspectorStore.getState().open({ kind: kind.kind, name: r.name, namespace: r.namespace, uid: r.key });
                return (
                  <tr
                    key={r.key}
                    tabIndex={0}
                    aria-label={t('tables.open', { name: r.name })}
                    data-kind={kind.kind}
                    data-name={r.name}
                    data-namespace={r.namespace}
                    onClick={open}
                    onKeyDown={(e) => { if (e.key === 'Enter') open(); }}
                  >
                    {r.cells.map((c, i) => <td key={i}>{c}</td>)}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
