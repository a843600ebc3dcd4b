// UI strings of the DockerCoins panel in English and Spanish, registered into i18next next to
// the app's resources (as the playground tools' strings are). `hashes` stays as the real webui
// says it; DockerCoins is a name. Leaves out: plural forms (counts are shown as labels).
import { stringsRegistrar } from '../../i18n/register';

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

/** Adds the panel's strings to i18next (once, when it is initialised). */
export const registerDockerCoinsStrings = stringsRegistrar(dockercoinsEn, dockercoinsEs);
