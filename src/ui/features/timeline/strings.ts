// UI strings of the cluster timeline (scrub, replay, slow motion) in English and Spanish,
// registered into i18next next to the app's resources. Kubernetes terms follow the course
// glossary (src/ui/i18n/glossary.ts). Leaves out: plural forms.
import { stringsRegistrar } from '../../i18n/register';

export const timelineEn = {
  timeline: {
    region: 'Cluster timeline',
    toggle: 'Timeline',
    slider: 'Timeline',
    replay: 'Replay',
    pause: 'Pause replay',
    live: 'Live',
    rate: 'Replay speed',
    banner: 'Replay {{time}} — live at {{live}}',
    liveNow: 'Live {{time}}',
    near: 'Events near the cursor',
    noEvents: 'No events recorded yet.',
    seek: 'Go to {{time}}: {{reason}} {{object}}',
    range: 'Recorded from {{start}}',
  },
};

export type TimelineResources = typeof timelineEn;

export const timelineEs: TimelineResources = {
  timeline: {
    region: 'Línea de tiempo del clúster',
    toggle: 'Línea de tiempo',
    slider: 'Línea de tiempo',
    replay: 'Repetir',
    pause: 'Pausar repetición',
    live: 'En vivo',
    rate: 'Velocidad de repetición',
    banner: 'Repetición {{time}} — en vivo a las {{live}}',
    liveNow: 'En vivo {{time}}',
    near: 'Eventos cerca del cursor',
    noEvents: 'Aún no hay eventos registrados.',
    seek: 'Ir a {{time}}: {{reason}} {{object}}',
    range: 'Registrado desde las {{start}}',
  },
};

/** Adds the timeline's strings to i18next (once, when it is initialised). */
export const registerTimelineStrings = stringsRegistrar(timelineEn, timelineEs);
