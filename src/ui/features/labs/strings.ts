// UI strings of the labs panel in English and Spanish, registered into i18next next to the app's
// resources. Lab texts themselves come from src/labs (both languages there). Kubernetes terms
// follow the course glossary (src/ui/i18n/glossary.ts). Leaves out: plural forms.
import { stringsRegistrar } from '../../i18n/register';

export const labsEn = {
  labs: {
    region: 'Labs',
    open: 'Labs',
    list: 'Course labs',
    chapter: 'Chapter {{n}}',
    progress: '{{done}} of {{total}} steps',
    inProgress: 'In progress',
    completedLab: 'Completed',
    start: 'Start lab',
    startConfirm: 'Start “{{title}}” on a fresh cluster? The current playground (objects, files, history) is deleted.',
    reset: 'Reset lab',
    resetConfirm: 'Start this lab again on a fresh cluster? Its progress and the current playground are deleted.',
    leave: 'Leave lab',
    back: 'All labs',
    openLab: 'Open {{title}}',
    steps: 'Steps',
    passed: 'Passed',
    pending: 'Not passed yet',
    locked: 'Locked',
    hint: 'Show a hint',
    hints: 'Hints',
    solution: 'Show solution',
    solutionTitle: 'Solution',
    run: 'Run',
    runLine: 'Run in terminal: {{line}}',
    done: 'Lab completed! Every step passed.',
    none: 'No labs yet.',
    review: 'Read again',
  },
};

export type LabsResources = typeof labsEn;

export const labsEs: LabsResources = {
  labs: {
    region: 'Laboratorios',
    open: 'Laboratorios',
    list: 'Laboratorios del curso',
    chapter: 'Capítulo {{n}}',
    progress: '{{done}} de {{total}} pasos',
    inProgress: 'En curso',
    completedLab: 'Completado',
    start: 'Empezar el laboratorio',
    startConfirm: '¿Empezar «{{title}}» en un clúster nuevo? Se borra el entorno actual (objetos, archivos, historial).',
    reset: 'Reiniciar el laboratorio',
    resetConfirm: '¿Empezar de nuevo este laboratorio en un clúster nuevo? Se borran su progreso y el entorno actual.',
    leave: 'Salir del laboratorio',
    back: 'Todos los laboratorios',
    openLab: 'Abrir {{title}}',
    steps: 'Pasos',
    passed: 'Superado',
    pending: 'Aún sin superar',
    locked: 'Bloqueado',
    hint: 'Mostrar una pista',
    hints: 'Pistas',
    solution: 'Mostrar la solución',
    solutionTitle: 'Solución',
    run: 'Ejecutar',
    runLine: 'Ejecutar en la terminal: {{line}}',
    done: '¡Laboratorio completado! Has superado todos los pasos.',
    none: 'Todavía no hay laboratorios.',
    review: 'Volver a leer',
  },
};

/** Adds the labs' strings to i18next (once, when it is initialised). */
export const registerLabStrings = stringsRegistrar(labsEn, labsEs);
