import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import type { Forum, ForumPage } from '../../src/domain/forum';
import { renderApp } from '../support/render-app';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

type App = Awaited<ReturnType<typeof renderApp>>;

/** Reads straight from the API (as admin), not through the page. */
async function apiGet<T>(app: App, path: string): Promise<T> {
  const cookie = await app.api.login('admin');
  const res = await app.api.call('GET', path, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** The control whose visible label starts with `label` (Mantine adds " *" to required ones; an open listbox shares the label). */
function field(label: string, container: HTMLElement = document.body) {
  const pattern = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  const controls = within(container)
    .getAllByLabelText(pattern)
    .filter((element) => element.matches('input, textarea, select'));
  expect(controls).toHaveLength(1);
  return controls[0];
}

/**
 * Picks an option of a Mantine Select: open it, click the option. In jsdom everything measures 0×0, so Mantine's
 * `hideDetached` keeps the open dropdown `display: none`; hence `hidden: true`.
 */
async function chooseOption(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
  const input = field(label);
  await user.click(input);
  await waitFor(() => expect(input).toHaveAttribute('data-expanded', 'true'));
  const listbox = document.getElementById(input.getAttribute('aria-controls') ?? '');
  if (!listbox) throw new Error(`no listbox for ${label}`);
  await user.click(within(listbox).getByRole('option', { name: option, hidden: true }));
}

describe('forum form: create', () => {
  it('stops at the field when the title is empty (nothing created), then saves the typed forum and opens it', async () => {
    const app = await renderApp('/foros/nuevo');
    server = app.server;
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Nuevo foro' })).toBeInTheDocument();
    const before = await apiGet<ForumPage>(app, '/api/forums?pageSize=100');

    await user.type(field('Tema'), 'Participación juvenil');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));

    const title = field('Título');
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    expect(title).toHaveAccessibleDescription('Este campo es obligatorio.');
    expect(title).toHaveFocus();
    expect((await apiGet<ForumPage>(app, '/api/forums?pageSize=100')).total).toBe(before.total);

    await user.type(title, 'Foro de juventudes 2024');
    await user.clear(field('Vigencia'));
    await user.type(field('Vigencia'), '2024');
    // Typed day first without separators, as on a Colombian keyboard (issue 10, item 11): 10/09/2024.
    await user.type(field('Fecha'), '10092024');
    expect(field('Fecha')).toHaveValue('10092024');
    await user.tab();
    expect(field('Fecha')).toHaveValue('10/09/2024');
    fireEvent.change(field('Hora'), { target: { value: '10:30' } });
    await chooseOption(user, 'Plataforma', 'YouTube Live');
    await user.type(field('Enlace de la transmisión'), 'https://youtube.com/live/abc');

    await user.click(screen.getByRole('button', { name: 'Agregar experto' }));
    const expert = screen.getByRole('group', { name: 'Experto 1' });
    expect(field('Nombre', expert)).toHaveFocus();
    await user.type(field('Nombre', expert), 'Ana Pérez');
    await user.type(field('Cargo o rol', expert), 'Panelista');
    await user.type(field('Entidad u organización', expert), 'Secretaría de Juventud');

    await user.click(screen.getByRole('button', { name: 'Agregar pregunta' }));
    const question = screen.getByRole('group', { name: 'Pregunta 1' });
    await user.type(field('Texto de la pregunta', question), '¿Cómo participan los colegios?');
    await user.selectOptions(field('Canal', question), 'Formulario web');
    await user.click(field('Respondida', question));
    await user.type(field('Quién respondió', question), 'Ana Pérez');

    await user.click(screen.getByRole('button', { name: 'Guardar' }));

    await waitFor(() => expect(app.router.state.location.pathname).toMatch(/^\/foros\/\d+$/));
    expect(await screen.findByText('Foro creado')).toBeInTheDocument();
    const id = Number(app.router.state.location.pathname.split('/')[2]);
    const saved = await apiGet<Forum>(app, `/api/forums/${id}`);
    expect(saved).toMatchObject({
      title: 'Foro de juventudes 2024',
      theme: 'Participación juvenil',
      year: 2024,
      date: '2024-09-10',
      time: '10:30',
      platform: 'youtube_live',
      streamUrl: 'https://youtube.com/live/abc',
      status: 'planned',
      experts: [{ name: 'Ana Pérez', role: 'Panelista', organization: 'Secretaría de Juventud' }],
      questions: [{ text: '¿Cómo participan los colegios?', channel: 'web_form', answered: true, answeredBy: 'Ana Pérez', answerSummary: '' }],
      version: 1,
      createdBy: 'editora',
    });
    expect((await apiGet<ForumPage>(app, '/api/forums?pageSize=100')).total).toBe(before.total + 1);
  });

  it('shows a domain rule (date outside the year) at the date field, and a server 400 at its row field with a summary', async () => {
    const app = await renderApp('/foros/nuevo');
    server = app.server;
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'Nuevo foro' });
    await user.type(field('Título'), 'Foro con panel');
    await user.type(field('Tema'), 'Panel');
    await user.clear(field('Vigencia'));
    await user.type(field('Vigencia'), '2024');
    fireEvent.change(field('Fecha'), { target: { value: '01/02/2025' } });
    await user.click(screen.getByRole('button', { name: 'Agregar experto' }));
    await user.type(field('Nombre', screen.getByRole('group', { name: 'Experto 1' })), 'Ana Pérez');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));

    const date = field('Fecha');
    await waitFor(() => expect(date).toHaveAccessibleDescription(/La fecha debe caer dentro de la vigencia del foro\./));
    expect(date).toHaveFocus();

    // A rule only the server knows (e.g. a duplicate): its problem points at experts.0.name.
    let posted = 0;
    app.server.use(
      http.post(/\/api\/forums$/, () => {
        posted += 1;
        return HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Los datos enviados no son válidos.',
            status: 400,
            detail: 'experts.0.name: Esta persona ya está registrada como moderadora.',
            errors: [{ path: 'experts.0.name', message: 'Esta persona ya está registrada como moderadora.' }],
          },
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        );
      }),
    );
    fireEvent.change(date, { target: { value: '2024-02-01' } });
    await waitFor(() => expect(date).not.toHaveAttribute('aria-invalid', 'true'));
    await user.click(screen.getByRole('button', { name: 'Guardar' }));

    const name = field('Nombre', screen.getByRole('group', { name: 'Experto 1' }));
    await waitFor(() => expect(name).toHaveAccessibleDescription('Esta persona ya está registrada como moderadora.'));
    expect(name).toHaveFocus();
    expect(posted).toBe(1);
    const summary = screen.getByRole('alert', { name: 'Revise los campos marcados' });
    expect(within(summary).getByText('Experto 1 · Nombre: Esta persona ya está registrada como moderadora.')).toBeInTheDocument();
    // Nothing typed was lost, and the page did not move.
    expect(field('Título')).toHaveValue('Foro con panel');
    expect(app.router.state.location.pathname).toBe('/foros/nuevo');
  });

  it('keeps what was typed on a network failure and lets the person retry', async () => {
    const app = await renderApp('/foros/nuevo');
    server = app.server;
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'Nuevo foro' });
    await user.type(field('Título'), 'Foro sin red');
    await user.type(field('Tema'), 'Conectividad');
    app.server.use(http.post(/\/api\/forums$/, () => HttpResponse.error(), { once: true }));
    await user.click(screen.getByRole('button', { name: 'Guardar' }));

    const alert = await screen.findByRole('alert', { name: 'No se pudieron guardar los cambios' });
    expect(within(alert).getByText(/No hay conexión con el servidor/)).toBeInTheDocument();
    expect(field('Título')).toHaveValue('Foro sin red');

    await user.click(within(alert).getByRole('button', { name: 'Reintentar' }));
    await waitFor(() => expect(app.router.state.location.pathname).toMatch(/^\/foros\/\d+$/));
    const id = Number(app.router.state.location.pathname.split('/')[2]);
    expect((await apiGet<Forum>(app, `/api/forums/${id}`)).title).toBe('Foro sin red');
  });

  it('asks before leaving with unsaved changes; "Seguir editando" keeps the text', async () => {
    const app = await renderApp('/foros/nuevo');
    server = app.server;
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'Nuevo foro' });
    await user.type(field('Título'), 'Borrador a medias');

    const nav = screen.getByRole('navigation', { name: 'Navegación principal' });
    await user.click(within(nav).getByRole('link', { name: 'Foros' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cambios sin guardar' });
    await user.click(within(dialog).getByRole('button', { name: 'Seguir editando' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Cambios sin guardar' })).not.toBeInTheDocument());
    expect(app.router.state.location.pathname).toBe('/foros/nuevo');
    expect(field('Título')).toHaveValue('Borrador a medias');

    await user.click(within(nav).getByRole('link', { name: 'Foros' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Cambios sin guardar' })).getByRole('button', { name: 'Salir sin guardar' }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/foros'));
  });

  it.each(['/foros/nuevo', '/foros/1/editar'])('does not let a reviewer reach the form at %s', async (path) => {
    const app = await renderApp(path, { as: 'revisor' });
    server = app.server;
    expect(await screen.findByRole('heading', { level: 1, name: 'Su rol no tiene permiso para ver esta página.' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ir al inicio' })).toHaveAttribute('href', '/');
    expect(screen.queryByLabelText(/^Título/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Guardar' })).not.toBeInTheDocument();
  });
});

it('a reviewer sent to the form from the forum list gets a way back to it', async () => {
  const app = await renderApp('/foros', { as: 'revisor' });
  server = app.server;
  await screen.findByRole('heading', { level: 1, name: 'Foros' });
  await act(() => app.router.navigate('/foros/nuevo'));
  await screen.findByRole('heading', { level: 1, name: 'Su rol no tiene permiso para ver esta página.' });
  await userEvent.setup().click(screen.getByRole('button', { name: 'Volver' }));
  await waitFor(() => expect(app.router.state.location.pathname).toBe('/foros'));
});

describe('forum form: edit', () => {
  /** Saves a change to forum 1 behind the page's back, as the admin, from version 1. */
  async function changeBehindTheBack(app: App, changes: Partial<Forum>) {
    const cookie = await app.api.login('admin');
    const current = (await (await app.api.call('GET', '/api/forums/1', { cookie })).json()) as Forum;
    const { id: _id, version: _version, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, origin: _origin, ...input } = current;
    const res = await app.api.call('PUT', '/api/forums/1', { cookie, body: { ...input, ...changes, version: 1 } });
    expect(res.status).toBe(200);
  }

  it('on a 409 keeps the typed title, says who saved, and "Sobrescribir con mis cambios" saves it as version 3', async () => {
    const app = await renderApp('/foros/1/editar');
    server = app.server;
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Editar foro: Foro Virtual de Participación: Políticas Públicas' })).toBeInTheDocument();
    const title = field('Título');
    expect(title).toHaveValue('Foro Virtual de Participación: Políticas Públicas');
    await user.clear(title);
    await user.type(title, 'Políticas Públicas: edición corregida');

    await changeBehindTheBack(app, { moderator: 'Moderadora de la Oficina' });
    await user.click(screen.getByRole('button', { name: 'Guardar' }));

    const alert = await screen.findByRole('alert', { name: 'Otra persona guardó una versión más nueva de este foro' });
    expect(within(alert).getByText(/Administración guardó la versión 2/)).toBeInTheDocument();
    expect(title).toHaveValue('Políticas Públicas: edición corregida');
    expect(app.router.state.location.pathname).toBe('/foros/1/editar');

    await user.click(within(alert).getByRole('button', { name: 'Sobrescribir con mis cambios' }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/foros/1'));
    expect(await screen.findByText('Cambios guardados')).toBeInTheDocument();
    const saved = await apiGet<Forum>(app, '/api/forums/1');
    expect(saved).toMatchObject({ title: 'Políticas Públicas: edición corregida', version: 3, updatedBy: 'editora', moderator: '' });
  });

  it('on a 409 "Cargar la versión guardada" asks first, then shows the saved version and saves on top of it', async () => {
    const app = await renderApp('/foros/1/editar');
    server = app.server;
    const user = userEvent.setup();
    const title = await screen.findByLabelText(/^Título/);
    await user.type(title, ' (borrador)');
    await changeBehindTheBack(app, { moderator: 'Moderadora de la Oficina' });
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    const alert = await screen.findByRole('alert', { name: 'Otra persona guardó una versión más nueva de este foro' });

    await user.click(within(alert).getByRole('button', { name: 'Cargar la versión guardada' }));
    const confirm = await screen.findByRole('dialog', { name: '¿Descartar sus cambios?' });
    await user.click(within(confirm).getByRole('button', { name: 'Conservar mis cambios' }));
    expect(title).toHaveValue('Foro Virtual de Participación: Políticas Públicas (borrador)');

    await user.click(within(alert).getByRole('button', { name: 'Cargar la versión guardada' }));
    await user.click(within(await screen.findByRole('dialog', { name: '¿Descartar sus cambios?' })).getByRole('button', { name: 'Descartar mis cambios y cargar' }));
    await waitFor(() => expect(field('Moderador o moderadora')).toHaveValue('Moderadora de la Oficina'));
    expect(field('Título')).toHaveValue('Foro Virtual de Participación: Políticas Públicas');
    expect(screen.queryByRole('alert', { name: 'Otra persona guardó una versión más nueva de este foro' })).not.toBeInTheDocument();

    await user.type(field('Lugar'), ' (sede norte)');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/foros/1'));
    const saved = await apiGet<Forum>(app, '/api/forums/1');
    expect(saved).toMatchObject({ moderator: 'Moderadora de la Oficina', version: 3 });
    expect(saved.place).toMatch(/\(sede norte\)$/);
  });

  it('reorders guiding questions with the move buttons and saves the new order', async () => {
    const app = await renderApp('/foros/1/editar');
    server = app.server;
    const user = userEvent.setup();
    const original = await apiGet<Forum>(app, '/api/forums/1');
    await screen.findByLabelText(/^Título/);
    const down = screen.getByRole('button', { name: 'Bajar pregunta orientadora 1' });
    await user.click(down);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bajar pregunta orientadora 2' })).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Subir pregunta orientadora 1' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Quitar pregunta orientadora 5' }));
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/foros/1'));
    const saved = await apiGet<Forum>(app, '/api/forums/1');
    const [first, second, ...rest] = original.guidingQuestions;
    expect(saved.guidingQuestions).toEqual([second, first, ...rest.slice(0, -1)]);
  });

  it('shows a not-found state for a forum that does not exist', async () => {
    const app = await renderApp('/foros/999/editar');
    server = app.server;
    expect(await screen.findByRole('heading', { level: 1, name: 'Este foro no existe o fue eliminado' })).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Título/)).not.toBeInTheDocument();
  });
});
