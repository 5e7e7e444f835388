import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../support/render-app';

// The first render loads lazy pages and a fresh database: give it more than the default second.

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

const demoTitles = [
  'Foro Virtual de Participación: Causas Ciudadanas',
  'Foro Virtual de Participación: Modelo Integrado de Planeación y Gestión — MIPG',
  'Foro Virtual de Participación: Políticas Públicas',
];

/** The forum titles in the table, in the order shown. */
function shownTitles() {
  const table = screen.getByRole('table', { name: 'Lista de foros' });
  return within(table)
    .queryAllByRole('link')
    .map((link) => link.textContent);
}

/** Picks an option of one of the list's filters (the browser's own select) the way a person does. */
async function choose(user: UserEvent, label: string, option: string) {
  await user.selectOptions(screen.getByRole('combobox', { name: label }), option);
}

describe('forum list page', () => {
  it('shows the three 2022 demo forums, newest first, with their dates, platform, status and a create button for editors', async () => {
    const app = await renderApp('/foros', { as: 'editora' });
    server = app.server;
    expect(await screen.findByRole('heading', { level: 1, name: 'Foros' })).toBeInTheDocument();
    await waitFor(() => expect(shownTitles()).toEqual(demoTitles));
    const causas = screen.getByRole('link', { name: demoTitles[0] });
    expect(causas).toHaveAttribute('href', '/foros/3');
    const row = causas.closest('tr')!;
    expect(within(row).getByText('7 de septiembre de 2022')).toBeInTheDocument();
    expect(within(row).getByText('Facebook Live')).toBeInTheDocument();
    // The status: its column, and under the title for phones (CSS shows one of them).
    expect(within(row).getAllByText('Realizado').length).toBeGreaterThan(0);
    expect(screen.getByText('1–3 de 3')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Nuevo foro' })).toHaveAttribute('href', '/foros/nuevo');
  });

  it('searches on the server as the person types, keeps the search in the URL, and the back button undoes it', async () => {
    const app = await renderApp('/foros', { as: 'editora' });
    server = app.server;
    await waitFor(() => expect(shownTitles()).toHaveLength(3));
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: /Buscar/ }), 'causas');
    // «caus» already finds the same forum: on a busy machine the search may run mid-typing, so wait for the whole word.
    await waitFor(() => expect(new URLSearchParams(app.router.state.location.search).get('q')).toBe('causas'));
    await waitFor(() => expect(shownTitles()).toEqual([demoTitles[0]]));
    expect(screen.getByText('1–1 de 1')).toBeInTheDocument();

    await app.router.navigate(-1);
    await waitFor(() => expect(shownTitles()).toHaveLength(3));
    expect(screen.getByRole('searchbox', { name: /Buscar/ })).toHaveValue('');
  });

  it('opens a deep link with its search, filters and order applied', async () => {
    const app = await renderApp('/foros?status=held&sort=-title&q=foro', { as: 'editora' });
    server = app.server;
    await waitFor(() => expect(shownTitles()).toEqual([demoTitles[2], demoTitles[1], demoTitles[0]]));
    expect(screen.getByRole('searchbox', { name: /Buscar/ })).toHaveValue('foro');
    expect(screen.getByRole('combobox', { name: 'Estado' })).toHaveDisplayValue('Realizado');
    expect(screen.getByRole('combobox', { name: 'Ordenar por' })).toHaveDisplayValue('Título (Z–A)');
  });

  it('says when no forum matches the filters, and clearing the filters brings the list back', async () => {
    const app = await renderApp('/foros', { as: 'editora' });
    server = app.server;
    await waitFor(() => expect(shownTitles()).toHaveLength(3));
    const user = userEvent.setup();
    await choose(user, 'Estado', 'Cancelado');
    expect(await screen.findByRole('heading', { name: 'Ningún foro coincide con la búsqueda' })).toBeInTheDocument();
    expect(new URLSearchParams(app.router.state.location.search).get('status')).toBe('cancelled');
    expect(screen.queryByRole('table', { name: 'Lista de foros' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Limpiar filtros' }));
    await waitFor(() => expect(shownTitles()).toHaveLength(3));
    expect(app.router.state.location.search).toBe('');
    expect(screen.getByRole('combobox', { name: 'Estado' })).toHaveDisplayValue('Todos los estados');
  });

  it('tells an editor there are no forums yet and offers to create the first one', async () => {
    const app = await renderApp('/foros', { as: 'editora', demo: false });
    server = app.server;
    expect(await screen.findByRole('heading', { name: 'Aún no hay foros' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Crear el primer foro' })).toHaveAttribute('href', '/foros/nuevo');
    expect(screen.queryByRole('button', { name: 'Limpiar filtros' })).not.toBeInTheDocument();
  });

  it('shows a reviewer the forums without the "Nuevo foro" button', async () => {
    const app = await renderApp('/foros', { as: 'revisor' });
    server = app.server;
    await waitFor(() => expect(shownTitles()).toHaveLength(3));
    expect(screen.queryByRole('link', { name: 'Nuevo foro' })).not.toBeInTheDocument();
    expect(screen.queryByText('Nuevo foro')).not.toBeInTheDocument();
  });
});
