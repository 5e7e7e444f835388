import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { notifications } from '@mantine/notifications';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../support/render-app';

// The first render loads lazy pages and a fresh database: give it more than the default second.

let server: SetupServerApi | undefined;
afterEach(() => {
  // Mantine keeps notifications in a module-level store: start each test without the previous ones.
  notifications.clean();
  server?.close();
  server = undefined;
});

const causas = 'Foro Virtual de Participación: Causas Ciudadanas';

/** A titled section of the detail page (a region named by its heading). */
const section = (name: string) => screen.getByRole('region', { name });

/** Opens the Causas Ciudadanas forum from the list, as a person would. */
async function openCausasFromList(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('link', { name: causas }));
  return screen.findByRole('heading', { level: 1, name: causas });
}

describe('forum detail page', () => {
  it('shows every part of the forum, the allied entity and the history with the changed fields in Spanish', async () => {
    const app = await renderApp('/foros', { as: 'editora' });
    server = app.server;
    // Someone else changes the forum before it is opened: the history must name the fields.
    const cookie = await app.api.login('editora');
    const current = await (await app.api.call('GET', '/api/forums/3', { cookie })).json();
    const { id: _id, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, origin: _origin, ...input } = current;
    const put = await app.api.call('PUT', '/api/forums/3', {
      cookie,
      body: { ...input, theme: 'Causas Ciudadanas', streamUrl: 'https://www.facebook.com/idipronbogota/videos/1' },
    });
    expect(put.status).toBe(200);

    const user = userEvent.setup();
    await openCausasFromList(user);
    expect(app.router.state.location.pathname).toBe('/foros/3');

    const general = section('Datos generales');
    expect(within(general).getByText('Causas Ciudadanas')).toBeInTheDocument();
    expect(within(general).getByText('7 de septiembre de 2022')).toBeInTheDocument();
    expect(within(general).getByText('43 min')).toBeInTheDocument();
    expect(within(general).getByText('Realizado')).toBeInTheDocument();
    const stream = within(general).getByRole('link', { name: /facebook\.com\/idipronbogota/ });
    expect(stream).toHaveAttribute('href', 'https://www.facebook.com/idipronbogota/videos/1');
    expect(stream).toHaveAttribute('target', '_blank');
    expect(stream.getAttribute('rel')).toContain('noopener');

    expect(within(section('Entidades aliadas')).getByRole('listitem')).toHaveTextContent('Secretaría Distrital de Gobierno');
    expect(within(section('Moderación y expertos')).getByRole('cell', { name: 'Líder de la estrategia' })).toBeInTheDocument();
    expect(within(section('Preguntas orientadoras')).getAllByRole('listitem')).toHaveLength(3);
    expect(within(section('Acciones')).getAllByText('✓ Hecha')).toHaveLength(5);
    expect(within(section('Preguntas de la ciudadanía')).getByText('Sin información')).toBeInTheDocument();

    const history = within(section('Historial'));
    const rows = (await history.findAllByRole('row')).slice(1);
    expect(rows).toHaveLength(2);
    // Who: the person's display name, never the username (issue 10, item 12); when: dd/mm/aaaa, 24 h.
    expect(rows[0]).toHaveTextContent('Editora de demostración');
    expect(rows[0].textContent).not.toMatch(/\beditora\b/);
    expect(rows[0]).toHaveTextContent(/\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}/);
    expect(rows[0]).toHaveTextContent('modificó');
    expect(rows[0]).toHaveTextContent('Tema, Enlace de la transmisión');
    expect(rows[1]).toHaveTextContent('Foros (datos de demostración)');
    expect(screen.getByText(/^Última modificación: \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} por Editora de demostración$/)).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('creó');
  });

  it('deletes the forum after confirmation, says so, and the list no longer has it', async () => {
    const app = await renderApp('/foros/3', { as: 'editora' });
    server = app.server;
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: causas });

    // Cancelling keeps it.
    await user.click(screen.getByRole('button', { name: 'Eliminar' }));
    let dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(causas);
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(app.router.state.location.pathname).toBe('/foros/3');

    await user.click(screen.getByRole('button', { name: 'Eliminar' }));
    dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Eliminar foro' }));

    expect(await screen.findByText('Foro eliminado')).toBeInTheDocument();
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/foros'));
    await waitFor(() => expect(screen.getAllByRole('link', { name: /^Foro Virtual de Participación/ })).toHaveLength(2));
    expect(screen.queryByRole('link', { name: causas })).not.toBeInTheDocument();

    const cookie = await app.api.login('editora');
    expect((await app.api.call('GET', '/api/forums/3', { cookie })).status).toBe(404);
  });

  it('says why a delete failed (someone else deleted it first) and stays on the page', async () => {
    const app = await renderApp('/foros/3', { as: 'editora' });
    server = app.server;
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: causas });
    const cookie = await app.api.login('admin');
    expect((await app.api.call('DELETE', '/api/forums/3', { cookie })).status).toBe(204);

    await user.click(screen.getByRole('button', { name: 'Eliminar' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Eliminar foro' }));
    expect(await screen.findByText('No se pudo eliminar el foro')).toBeInTheDocument();
    expect(screen.getByText(/No existe un foro con ese identificador/)).toBeInTheDocument();
    expect(app.router.state.location.pathname).toBe('/foros/3');
  });

  it('shows a reviewer the forum and its history without Editar or Eliminar', async () => {
    const app = await renderApp('/foros/3', { as: 'revisor' });
    server = app.server;
    await screen.findByRole('heading', { level: 1, name: causas });
    expect(await within(section('Historial')).findByText('creó')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Editar' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Eliminar' })).not.toBeInTheDocument();
  });

  it('offers Editar to an editor, linking to the edit page', async () => {
    const app = await renderApp('/foros/3', { as: 'editora' });
    server = app.server;
    expect(await screen.findByRole('link', { name: 'Editar' })).toHaveAttribute('href', '/foros/3/editar');
  });

  it.each(['/foros/999', '/foros/abc', '/foros/0'])('says that %s does not exist, with a way back to the list', async (path) => {
    const app = await renderApp(path, { as: 'editora' });
    server = app.server;
    expect(await screen.findByRole('heading', { level: 1, name: 'Este foro no existe o fue eliminado' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Volver a la lista de foros' })).toHaveAttribute('href', '/foros');
    expect(screen.queryByRole('button', { name: 'Eliminar' })).not.toBeInTheDocument();
  });
});
