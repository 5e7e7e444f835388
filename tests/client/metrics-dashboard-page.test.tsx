import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { validForum } from '../support/api-assertions';
import { renderApp } from '../support/render-app';

// Lazy route, lazy chart chunk and a fresh database: more than the default second.

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

const kpi = (label: string) => screen.getByRole('article', { name: label });

/** Mantine Select in jsdom: open, then click the (display: none) option. */
async function choose(user: UserEvent, label: string, option: string) {
  const input = screen.getByRole('textbox', { name: label });
  await user.click(input);
  await waitFor(() => expect(input).toHaveAttribute('data-expanded', 'true'));
  const listbox = document.getElementById(input.getAttribute('aria-controls') ?? '');
  if (!listbox) throw new Error(`no listbox for ${label}`);
  await user.click(within(listbox).getByRole('option', { name: option, hidden: true }));
}

describe('metrics dashboard page (/metricas)', () => {
  it('shows the 2022 KPIs in es-CO, the comparison chart with its data table and the forums with links to their metrics', async () => {
    const app = await renderApp('/metricas?vigencia=2022');
    server = app.server;
    expect(await screen.findByRole('heading', { level: 1, name: 'Métricas' })).toBeInTheDocument();
    await screen.findByRole('article', { name: 'Alcance total' });

    // 650 + 883 + 635 people reached; 236 + 441 + 573 plays; 627 min + «1,7 mil» min + «1,1 mil» min (approximate).
    expect(within(kpi('Alcance total')).getByText('2.168')).toBeInTheDocument();
    expect(within(kpi('Reproducciones totales')).getByText('1.250')).toBeInTheDocument();
    expect(within(kpi('Minutos reproducidos')).getByText('≈ 3.427 min')).toBeInTheDocument();
    expect(within(kpi('Minutos reproducidos')).getByText('≈ 57,1 horas')).toBeInTheDocument();
    expect(within(kpi('Promedio del máximo de espectadores en vivo')).getByText('22')).toBeInTheDocument();
    // No 2021 forums: no comparison.
    expect(screen.queryByText(/Vigencia 2021/)).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Vigencia' })).toHaveValue('2022');

    const chart = await screen.findByRole('region', { name: 'Comparación de los foros de la vigencia' });
    expect(within(chart).getByRole('img')).toHaveAccessibleName(/Personas alcanzadas: la cifra más alta es la de Modelo Integrado de Planeación y Gestión — MIPG \(883\)/);
    const user = userEvent.setup();
    const toggle = within(chart).getByRole('button', { name: 'Ver datos como tabla' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const data = within(chart).getByRole('table', { name: 'Cifras principales de cada foro de la vigencia 2022' });
    const cells = (name: RegExp) => [...within(data).getByRole('row', { name }).querySelectorAll('th, td')].map((c) => c.textContent);
    // Reach, 3-s views, 1-min views, interactions (since publication), peak live viewers (live summary).
    expect(cells(/Políticas Públicas/)).toEqual(['Foro Virtual de Participación: Políticas Públicas', '650', '236', '47', '50', '19']);
    expect(cells(/MIPG/)).toEqual(['Foro Virtual de Participación: Modelo Integrado de Planeación y Gestión — MIPG', '883', '441', '105', '87', '40']);
    expect(cells(/Causas Ciudadanas/)).toEqual(['Foro Virtual de Participación: Causas Ciudadanas', '635', '436', '65', '57', '7']);

    const forums = screen.getByRole('table', { name: 'Cifras principales de los foros de la vigencia 2022' });
    const causas = within(forums).getByRole('row', { name: /Causas Ciudadanas/ });
    expect(causas).toHaveTextContent('≈ 1.100 min');
    expect(within(causas).getByRole('link', { name: 'Ver métricas de Foro Virtual de Participación: Causas Ciudadanas' })).toHaveAttribute('href', '/foros/3/metricas');
  });

  it('opens the most recent year by default and compares each KPI with the previous year', async () => {
    const app = await renderApp('/foros');
    server = app.server;
    const cookie = await app.api.login('editora');
    const created = await app.api.call('POST', '/api/forums', { cookie, body: validForum({ title: 'Foro de prueba 2023', year: 2023, date: '2023-06-10' }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const saved = await app.api.call('PUT', `/api/forums/${id}/metrics`, {
      cookie,
      body: { postCard: null, liveSummary: null, sincePublication: { source: 'manual', asOf: '2023-07-01', reach: { value: 2500, approximate: false } }, version: 0 },
    });
    expect(saved.status).toBe(200);
    app.queryClient.clear();

    await app.router.navigate('/metricas');
    await screen.findByRole('article', { name: 'Alcance total' });
    expect(screen.getByRole('textbox', { name: 'Vigencia' })).toHaveValue('2023');
    const reach = kpi('Alcance total');
    expect(within(reach).getByText('2.500')).toBeInTheDocument();
    expect(within(reach).getByText('Vigencia 2022: 2.168. Diferencia: +332 (+15,3 %)')).toBeInTheDocument();
    expect(within(kpi('Reproducciones totales')).getByText('Sin datos en esta vigencia.')).toBeInTheDocument();
    expect(within(kpi('Reproducciones totales')).getByText('Vigencia 2022: 1.250')).toBeInTheDocument();

    // The year lives in the URL.
    const user = userEvent.setup();
    await choose(user, 'Vigencia', '2022');
    await waitFor(() => expect(new URLSearchParams(app.router.state.location.search).get('vigencia')).toBe('2022'));
    await waitFor(() => expect(within(kpi('Alcance total')).getByText('2.168')).toBeInTheDocument());
  });

  it('says when a year has no forums', async () => {
    const app = await renderApp('/metricas?vigencia=2030');
    server = app.server;
    expect(await screen.findByRole('heading', { name: 'No hay foros en la vigencia 2030' })).toBeInTheDocument();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when there are no forums at all', async () => {
    const app = await renderApp('/metricas', { demo: false });
    server = app.server;
    expect(await screen.findByRole('heading', { name: 'Aún no hay foros' })).toBeInTheDocument();
  });

  it('lists a year’s forums without metrics with a link to register them', async () => {
    const app = await renderApp('/foros');
    server = app.server;
    const cookie = await app.api.login('editora');
    const created = await app.api.call('POST', '/api/forums', { cookie, body: validForum({ title: 'Foro sin métricas', year: 2024, date: '2024-03-01' }) });
    const { id } = (await created.json()) as { id: number };
    await app.router.navigate('/metricas?vigencia=2024');
    expect(await screen.findByRole('heading', { name: 'Los foros de 2024 aún no tienen métricas' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Registrar métricas de Foro sin métricas' })).toHaveAttribute('href', `/foros/${id}/metricas`);
  });

  it('has a "Métricas" link in the main navigation', async () => {
    const app = await renderApp('/foros');
    server = app.server;
    const nav = await screen.findByRole('navigation', { name: 'Navegación principal' });
    expect(within(nav).getByRole('link', { name: 'Métricas' })).toHaveAttribute('href', '/metricas');
  });
});
