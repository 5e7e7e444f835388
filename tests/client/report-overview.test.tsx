import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportListItem, ReportOverview } from '../../src/domain/report';
import { docFromParagraphs } from '../../src/domain/rich-text';
import '../support/prosemirror-jsdom';
import { apiAs, renderApp } from '../support/render-app';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});


const slow = { timeout: 30_000 };
const rows = () => within(screen.getByRole('table', { name: 'Secciones del informe, en orden' })).getAllByRole('row').slice(1);

describe('report overview', () => {
  it('shows the data, the progress and every section with its state; a writer reorders with the keyboard, adds and removes a free section', async () => {
    const app = await renderApp('/informes/2022');
    server = app.server;
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Foros Virtuales de Participación 2022' }, slow)).toBeInTheDocument();
    const overview = await apiAs<ReportOverview>(app, 'admin', 'GET', '/api/reports/2022');
    const total = overview.sections.length;
    expect(screen.getByText(`${total} de ${total} aprobadas`)).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: `Secciones aprobadas: ${total} de ${total} aprobadas` })).toBeInTheDocument();
    expect(rows()).toHaveLength(total);
    expect(within(rows()[0]).getByText('Aprobada')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Vista de impresión' })).toHaveAttribute('href', '/informes/2022/imprimir');

    // An approved section cannot be removed, and the button says why.
    const removeIntro = screen.getByRole('button', { name: 'Eliminar «Introducción»' });
    expect(removeIntro).toHaveAttribute('aria-disabled', 'true');
    expect(removeIntro).toHaveAccessibleDescription('No se puede eliminar una sección aprobada.');
    await user.click(removeIntro);
    expect(screen.queryByRole('dialog', { name: '¿Eliminar la sección?' })).not.toBeInTheDocument();

    // Reorder with the keyboard: focus stays on the moved section's button.
    const down = screen.getByRole('button', { name: 'Bajar «Introducción»' });
    down.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(rows()[1]).getByRole('link', { name: 'Introducción' })).toBeInTheDocument(), slow);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bajar «Introducción»' })).toHaveFocus(), slow);
    expect(screen.getByText('Orden guardado: «Introducción» es ahora la sección 2.')).toBeInTheDocument();
    const saved = await apiAs<ReportOverview>(app, 'admin', 'GET', '/api/reports/2022');
    expect([...saved.sections].sort((a, b) => a.position - b.position).map((s) => s.kind).slice(0, 2)).toEqual(['methodology', 'introduction']);

    // Add a free section (opens it), come back, remove it.
    await user.click(screen.getByRole('button', { name: 'Agregar sección libre' }));
    const dialog = await screen.findByRole('dialog', { name: 'Nueva sección libre' }, slow);
    await user.type(within(dialog).getByLabelText(/^Título de la sección/), 'Anexo fotográfico');
    await user.click(within(dialog).getByRole('button', { name: 'Agregar' }));
    await waitFor(() => expect(app.router.state.location.pathname).toMatch(/^\/informes\/2022\/secciones\/\d+$/), slow);
    // The section page is on screen (its editor is a lazy chunk) before going back, as a person would see it.
    await screen.findByRole('textbox', { name: 'Texto de «Anexo fotográfico»' }, { timeout: 30_000 });
    await app.router.navigate('/informes/2022');
    expect(await screen.findByText(`${total} de ${total + 1} aprobadas`, {}, slow)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Eliminar «Anexo fotográfico»' }));
    const confirm = await screen.findByRole('dialog', { name: '¿Eliminar la sección?' }, slow);
    await user.click(within(confirm).getByRole('button', { name: 'Eliminar sección' }));
    expect(await screen.findByText(`${total} de ${total} aprobadas`, {}, slow)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Anexo fotográfico' })).not.toBeInTheDocument();
  });

  it('lists what is pending for a reviewer, and offers no writing controls', async () => {
    const app = await renderApp('/informes', { as: 'revisor' });
    server = app.server;
    const section = await apiAs<{ id: number }>(app, 'admin', 'POST', '/api/reports/2022/sections', { title: 'Anexo pendiente', kind: 'free' });
    await apiAs(app, 'editora', 'PUT', `/api/reports/2022/sections/${section.id}`, { title: 'Anexo pendiente', content: docFromParagraphs(['Texto.']), version: 1 });
    await apiAs(app, 'editora', 'POST', `/api/reports/2022/sections/${section.id}/submit`);
    const list = await apiAs<{ items: ReportListItem[] }>(app, 'admin', 'GET', '/api/reports');
    expect(list.items.find((r) => r.year === 2022)).toMatchObject({ approved: list.items[0].sections - 1 });

    await app.router.navigate('/informes/2022');
    const pending = await screen.findByRole('region', { name: 'Pendientes para mí' }, slow);
    expect(within(pending).getByRole('link', { name: 'Anexo pendiente · En revisión' })).toHaveAttribute('href', `/informes/2022/secciones/${section.id}`);
    expect(screen.queryByRole('button', { name: 'Agregar sección libre' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Subir/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Editar datos del informe' })).not.toBeInTheDocument();
  });

  it('a writer creates the report of a new year from the list, with the default title', async () => {
    const app = await renderApp('/informes');
    server = app.server;
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Crear informe de la vigencia' }, slow));
    const dialog = await screen.findByRole('dialog', { name: 'Crear informe de la vigencia' }, slow);
    const year = within(dialog).getByLabelText(/^Vigencia/);
    await user.clear(year);
    await user.type(year, '2031');
    expect(within(dialog).getByLabelText(/^Título/)).toHaveValue('Foros Virtuales de Participación 2031');
    // The latest report lends its entity and «Elaboró».
    expect((within(dialog).getByLabelText(/^Entidad/) as HTMLInputElement).value).not.toBe('');
    await user.click(within(dialog).getByRole('button', { name: 'Crear informe' }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/informes/2031'), slow);
    expect(await screen.findByRole('heading', { level: 1, name: 'Foros Virtuales de Participación 2031' }, slow)).toBeInTheDocument();
  });
});
