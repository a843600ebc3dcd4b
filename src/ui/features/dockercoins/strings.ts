// UI strings of the DockerCoins panel in English and Spanish, registered into i18next next to
// the app's resources (as the playground tools' strings are). `hashes` stays as the real webui
// says it; DockerCoins is a name. Leaves out: plural forms (counts are shown as labels).
import i18next from 'i18next';

export const dockercoinsEn = {
  dockercoins: {
    region: 'DockerCoins',
    speed: '~{{speed}} hashes/second',
    coins: 'Coins: {{coins}}',
    waiting: 'Measuring…',
    unreachable: 'webui does not answer ({{error}})',
  },
};

export type DockerCoinsResources = typeof dockercoinsEn;

export const dockercoinsEs: DockerCoinsResources = {
  dockercoins: {
    region: 'DockerCoins',
    speed: '~{{speed}} hashes/segundo',
    coins: 'Monedas: {{coins}}',
    waiting: 'Midiendo…',
    unreachable: 'webui no responde ({{error}})',
  },
};

let registered = false;

/** Adds the panel's strings to i18next (once, when it is initialised). */
export function registerDockerCoinsStrings(): void {
  if (registered) return;
  const add = () => {
    if (registered) return;
    registered = true;
    i18next.addResourceBundle('en', 'translation', dockercoinsEn, true, false);
    i18next.addResourceBundle('es', 'translation', dockercoinsEs, true, false);
  };
  if (i18next.isInitialized) add();
  else i18next.on('initialized', add);
}
