import { screen, within } from '@testing-library/react';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../support/render-app';


let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

describe('consultation list page', () => {
  it('lists the 2022 demo consultation with its status, period, topics and responses, and offers "Nueva consulta" to editors', async () => {
    const app = await renderApp('/consultas', { as: 'editora' });
    server = app.server;
    expect(await screen.findByRole('heading', { level: 1, name: 'Consultas ciudadanas' })).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: 'Consulta ciudadana de temas para los Foros Virtuales 2022' });
    const row = link.closest('tr')!;
    expect(within(row).getByText('Cerrada')).toBeInTheDocument();
    expect(within(row).getByText('2022')).toBeInTheDocument();
    expect(within(row).getByText('5')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Nueva consulta' })).toHaveAttribute('href', '/consultas/nueva');
    expect(screen.getByRole('link', { name: 'Consultas' })).toHaveAttribute('href', '/consultas');
  });

  it('shows a reviewer the list without the create button', async () => {
    const app = await renderApp('/consultas', { as: 'revisor' });
    server = app.server;
    expect(await screen.findByRole('link', { name: 'Consulta ciudadana de temas para los Foros Virtuales 2022' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Nueva consulta' })).not.toBeInTheDocument();
  });

  it('says there are no consultations yet and offers to create the first one', async () => {
    const app = await renderApp('/consultas', { as: 'editora', demo: false });
    server = app.server;
    expect(await screen.findByRole('heading', { name: 'Aún no hay consultas' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Crear la primera consulta' })).toHaveAttribute('href', '/consultas/nueva');
  });
});
