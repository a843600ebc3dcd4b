// The header's theme switch: a toggle button named "Theme" / "Tema" (pressed = dark), which
// flips between light and dark and remembers the choice. The store is created at module load
// so the page is painted in the right theme before React renders.
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import { createThemeStore } from './theme';
import { registerThemeStrings } from './strings';
import './theme.css';

registerThemeStrings();

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export const themeStore = createThemeStore({
  storage: browserStorage(),
  media: typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined,
  root: document.documentElement,
});

export function ThemeToggle() {
  const { t } = useTranslation();
  const theme = useStore(themeStore, (s) => s.theme);
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-label={t('theme.toggle')}
      aria-pressed={dark}
      title={dark ? t('theme.dark') : t('theme.light')}
      data-theme-value={theme}
      onClick={() => themeStore.getState().toggle()}
    >
      <span aria-hidden="true">{dark ? '☾' : '☀'}</span>
    </button>
  );
}
