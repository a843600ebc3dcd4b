// The demo player (instructor mode): a column left of the terminal. Being built: the list of
// ready-made demos and the step player (next / previous / auto) arrive with src/labs/demos.
import { useTranslation } from 'react-i18next';
import { DEMOS_PANEL_ID } from './demos-toggle';

export function DemosPanel() {
  const { t } = useTranslation();
  return (
    <section className="panel demos" id={DEMOS_PANEL_ID} aria-label={t('demos.region')}>
      <div className="panel-head">
        <h2>{t('demos.region')}</h2>
      </div>
    </section>
  );
}
