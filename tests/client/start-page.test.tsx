import { screen, within } from '@testing-library/react';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportOverview } from '../../src/domain/report';
import { validForum } from '../support/api-assertions';
import { apiAs, renderApp } from '../support/render-app';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});


describe('start page (/inicio)', () => {
  it('the root opens the start page; a reviewer sees the sections waiting for review, each linked', async () => {
    const app = await renderApp('/', { as: 'revisor' });
    server = app.server;
    expect(await screen.findByRole('heading', { level: 1, name: 'Inicio' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(app.router.state.location.pathname).toBe('/inicio');
    const overview = await apiAs<ReportOverview>(app, 'revisor', 'GET', '/api/reports/2022');
    const panel = await screen.findByRole('region', { name: 'Secciones que esperan su revisión' });
    if (overview.pending.forMe.length === 0) expect(within(panel).getByText('Ninguna sección espera su revisión.')).toBeInTheDocument();
    for (const section of overview.pending.forMe) {
      expect(within(panel).getByRole('link', { name: section.title })).toHaveAttribute('href', `/informes/2022/secciones/${section.sectionId}`);
    }
    expect(screen.queryByRole('region', { name: 'Foros sin métricas' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ir al informe 2022' })).toHaveAttribute('href', '/informes/2022');
  });

  it('an editor sees the sections returned to them and the forums without metrics', async () => {
    const app = await renderApp('/inicio', { as: 'editora' });
    server = app.server;
    const created = await apiAs<{ id: number }>(app, 'editora', 'POST', '/api/forums', validForum({ title: 'Foro sin cifras', year: 2022, date: '2022-11-15' }));
    await app.queryClient.invalidateQueries();
    expect(await screen.findByRole('region', { name: 'Secciones devueltas con cambios solicitados' }, { timeout: 10_000 })).toBeInTheDocument();
    const noMetrics = await screen.findByRole('region', { name: 'Foros sin métricas' });
    expect(await within(noMetrics).findByRole('link', { name: 'Registrar las métricas de «Foro sin cifras»' })).toHaveAttribute('href', `/foros/${created.id}/metricas`);
  });
});
