import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../support/render-app';
import { createOpenConsultation } from './consultations-support';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

describe('consultation form', () => {
  it('shows the schema messages at the fields, then creates the consultation and opens it', async () => {
    const app = await renderApp('/consultas/nueva', { as: 'editora', demo: false });
    server = app.server;
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Nueva consulta' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    const title = screen.getByRole('textbox', { name: /^Título$|^Título \*/ });
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    const topicTitle = screen.getByRole('textbox', { name: /Título del tema/ });
    expect(topicTitle).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveFocus();
    const before = await (await app.api.call('GET', '/api/consultations', { cookie: await app.api.login('editora') })).json();
    expect(before.items).toHaveLength(0);

    await user.type(title, 'Consulta 2026');
    await user.type(topicTitle, 'Salud mental juvenil');
    await user.click(screen.getByRole('button', { name: 'Agregar tema' }));
    await user.type(screen.getAllByRole('textbox', { name: /Título del tema/ })[1], 'Empleo');
    await user.click(screen.getByRole('button', { name: 'Bajar el tema 1' }));
    await user.click(screen.getByRole('checkbox', { name: 'Redes sociales' }));
    await user.click(screen.getByRole('button', { name: 'Guardar' }));

    await waitFor(() => expect(app.router.state.location.pathname).toMatch(/^\/consultas\/\d+$/));
    expect(await screen.findByRole('heading', { level: 1, name: 'Consulta 2026' })).toBeInTheDocument();
    const id = app.router.state.location.pathname.split('/').pop();
    const saved = await (await app.api.call('GET', `/api/consultations/${id}`, { cookie: await app.api.login('editora') })).json();
    expect(saved.topics.map((t: { title: string }) => t.title)).toEqual(['Empleo', 'Salud mental juvenil']);
    expect(saved.channels).toEqual(['web', 'social']);
  });

  it('a year that already has its consultation: the message at «Vigencia», what was typed kept, nothing created', async () => {
    const app = await renderApp('/consultas', { as: 'editora', demo: false });
    server = app.server;
    const { consultation, cookie } = await createOpenConsultation(app.api);
    await app.router.navigate('/consultas/nueva');
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Nueva consulta' })).toBeInTheDocument();
    const year = screen.getByRole('textbox', { name: /^Vigencia/ });
    expect(year).toHaveValue(String(consultation.year));

    await user.type(screen.getByRole('textbox', { name: /^Título$|^Título \*/ }), 'Segunda ronda');
    await user.type(screen.getByRole('textbox', { name: /Título del tema/ }), 'Movilidad');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));

    await waitFor(() => expect(year).toHaveAttribute('aria-invalid', 'true'));
    expect(year).toHaveAccessibleDescription(
      `Ya hay una consulta para la vigencia ${consultation.year}: «Consulta de prueba». Ábrala para seguir con ella, o elija otra vigencia.`,
    );
    expect(year).toHaveFocus();
    expect(screen.getByRole('link', { name: `Abrir la consulta de la vigencia ${consultation.year}` })).toHaveAttribute('href', `/consultas/${consultation.id}`);
    expect(screen.getByRole('textbox', { name: /^Título$|^Título \*/ })).toHaveValue('Segunda ronda');
    expect(app.router.state.location.pathname).toBe('/consultas/nueva');
    const list = await (await app.api.call('GET', '/api/consultations', { cookie })).json();
    expect(list.items).toHaveLength(1);
  });

  it('the period follows the «Vigencia»: default dates move with the year, a date outside it is refused at its field (issue 10, item 7)', async () => {
    const app = await renderApp('/consultas/nueva', { as: 'editora', demo: false });
    server = app.server;
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Nueva consulta' })).toBeInTheDocument();
    const year = screen.getByRole('textbox', { name: /^Vigencia/ });
    const open = screen.getByLabelText(/^Fecha de apertura/);
    const close = screen.getByLabelText(/^Fecha de cierre/);
    await user.clear(year);
    await user.type(year, '2024');
    expect(open).toHaveValue('01/01/2024');
    expect(close).toHaveValue('31/12/2024');

    await user.type(screen.getByRole('textbox', { name: /^Título$|^Título \*/ }), 'Consulta 2024');
    await user.type(screen.getByRole('textbox', { name: /Título del tema/ }), 'Movilidad');
    await user.clear(close);
    await user.type(close, '01/03/2026');
    await user.tab();
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(close).toHaveAttribute('aria-invalid', 'true'));
    expect(close).toHaveAccessibleDescription('La fecha debe caer dentro de la vigencia de la consulta (2024).');
    expect(app.router.state.location.pathname).toBe('/consultas/nueva');
    const list = await (await app.api.call('GET', '/api/consultations', { cookie: await app.api.login('editora') })).json();
    expect(list.items).toHaveLength(0);

    // Back within the year: saved with the 2024 period.
    await user.clear(close);
    await user.type(close, '2024-06-30');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(app.router.state.location.pathname).toMatch(/^\/consultas\/\d+$/));
    const saved = await (await app.api.call('GET', '/api/consultations', { cookie: await app.api.login('editora') })).json();
    expect(saved.items[0]).toMatchObject({ year: 2024, openDate: '2024-01-01', closeDate: '2024-06-30' });
  });

  it('keeps what was typed on a 409 and overwrites with the newer version on request', async () => {
    const app = await renderApp('/consultas', { as: 'editora' });
    server = app.server;
    const cookie = await app.api.login('editora');
    const list = await (await app.api.call('GET', '/api/consultations', { cookie })).json();
    const id = list.items[0].id as number;
    await app.router.navigate(`/consultas/${id}/editar`);
    const user = userEvent.setup();
    const title = await screen.findByRole('textbox', { name: /^Título$|^Título \*/ });
    // Someone else saves meanwhile.
    const current = await (await app.api.call('GET', `/api/consultations/${id}`, { cookie })).json();
    const { id: _id, version, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, responseCount: _r, forums: _f, ...input } = current;
    const put = await app.api.call('PUT', `/api/consultations/${id}`, { cookie, body: { ...input, title: 'Cambiada por otra persona', version } });
    expect(put.status).toBe(200);

    await user.clear(title);
    await user.type(title, 'Mi título');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Otra persona guardó cambios')).toBeInTheDocument();
    expect(title).toHaveValue('Mi título');
    await user.click(screen.getByRole('button', { name: 'Guardar mis cambios encima' }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe(`/consultas/${id}`));
    const saved = await (await app.api.call('GET', `/api/consultations/${id}`, { cookie })).json();
    expect(saved.title).toBe('Mi título');
  });
});
