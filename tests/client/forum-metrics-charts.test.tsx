import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppProviders, createQueryClient } from '../../src/client/app/providers';
import { ForumMetricsCharts } from '../../src/client/features/metrics/forum-metrics-charts';
import { loadFeatureCatalogs } from '../../src/client/i18n';
import { emptyLiveSummary, emptySincePublication, type LiveSummary, type SincePublication } from '../../src/domain/metrics';


function renderCharts(metrics: { liveSummary: LiveSummary | null; sincePublication: SincePublication | null }) {
  return render(
    <AppProviders queryClient={createQueryClient()}>
      <ForumMetricsCharts metrics={metrics} />
    </AppProviders>,
  );
}

const liveSummary: LiveSummary = {
  ...emptyLiveSummary('2022-06-22'),
  liveViewersCurve: [
    { minute: 0, viewers: 3 },
    { minute: 1, viewers: 1250 },
    { minute: 2, viewers: 980 },
    { minute: 75, viewers: 12 },
  ],
};

const sincePublication: SincePublication = {
  ...emptySincePublication('2022-10-20'),
  dailyViews: [
    { date: '2022-06-22', views: 12345 },
    { date: '2022-06-23', views: 48 },
  ],
  retentionCurve: [
    { interval: 0, percent: 100 },
    { interval: 1, percent: 62.5 },
  ],
};

/** The section of a chart, found by its title. */
const chart = (title: string) => screen.getByRole('region', { name: title });

describe('ForumMetricsCharts', () => {
  // Rendered outside the router, whose loader normally brings the feature texts.
  beforeAll(() => loadFeatureCatalogs());

  it('draws the three charts as labelled images and shows each one’s data as an es-CO table on request', async () => {
    renderCharts({ liveSummary, sincePublication });
    const user = userEvent.setup();

    const live = chart('Espectadores en vivo por minuto');
    const image = within(live).getByRole('img');
    expect(image).toHaveAccessibleName(/1\.250 espectadores en el minuto 1:00/);
    expect(image).toHaveAccessibleName(/01:15:00 de transmisión/);
    expect(image.querySelector('svg')).not.toBeNull();

    const toggle = within(live).getByRole('button', { name: 'Ver datos como tabla' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(live).queryByRole('table')).not.toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle).toHaveTextContent('Ocultar tabla');
    const table = within(live).getByRole('table', { name: 'Espectadores en vivo en cada minuto de la transmisión' });
    expect(toggle).toHaveAttribute('aria-controls', table.parentElement?.closest('[id]')?.id);
    const rows = within(table).getAllByRole('row').slice(1).map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['0:00', '3'],
      ['1:00', '1.250'],
      ['2:00', '980'],
      ['75:00', '12'],
    ]);
    await user.click(toggle);
    expect(within(live).queryByRole('table')).not.toBeInTheDocument();

    const daily = chart('Reproducciones diarias desde la publicación');
    expect(within(daily).getByRole('img')).toHaveAccessibleName(/12\.393 en total, máximo de 12\.345 el 22 de junio de 2022/);
    await user.click(within(daily).getByRole('button', { name: 'Ver datos como tabla' }));
    const dailyTable = within(daily).getByRole('table', { name: 'Reproducciones de cada día desde la publicación' });
    expect(within(dailyTable).getByRole('row', { name: /12\.345/ })).toHaveTextContent('22/06/2022');

    const retention = chart('Retención de la audiencia');
    await user.click(within(retention).getByRole('button', { name: 'Ver datos como tabla' }));
    expect(within(retention).getByRole('table')).toHaveTextContent('62,5 %');
  });

  it('draws only the series that have points and says plainly, in one line, which have none: no instructions (issue 10, item 8)', () => {
    renderCharts({ liveSummary: null, sincePublication: { ...sincePublication, dailyViews: [] } });
    expect(screen.queryByRole('region', { name: 'Espectadores en vivo por minuto' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Reproducciones diarias desde la publicación' })).not.toBeInTheDocument();
    expect(within(chart('Retención de la audiencia')).getByRole('img')).toBeInTheDocument();
    expect(screen.getByText('No hay datos de espectadores en vivo ni de reproducciones diarias para este foro.')).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/impórtela|péguela|formulario/);
  });

  it('a forum without any series (the 2022 demo forums) gets one plain line instead of three empty boxes', () => {
    renderCharts({ liveSummary: null, sincePublication: { ...sincePublication, dailyViews: [], retentionCurve: [] } });
    expect(screen.queryAllByRole('region')).toHaveLength(0);
    expect(screen.getByText(/^Sin datos para gráficas en este foro/)).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/impórtela|péguela|formulario/);
  });
});
