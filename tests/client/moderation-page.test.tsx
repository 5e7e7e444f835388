import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import type { Forum } from '../../src/domain/forum';
import { insertSubmission } from '../../src/db/citizen-question-queries';
import { validForum } from '../support/api-assertions';
import { apiAs, renderApp, type RenderedApp } from '../support/render-app';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

const wait = { timeout: 30_000 };

async function withSubmissions(app: RenderedApp) {
  const forum = await apiAs<Forum>(app, 'editora', 'POST', '/api/forums', validForum({ title: 'Foro de juventudes', date: '2022-06-22', questions: [{ text: '¿Hay cupos para jóvenes?', channel: 'live_chat', askedBy: '', answered: false, answeredBy: '', answerSummary: '' }] }));
  const base = { forumId: forum.id, year: forum.year, name: '', contact: '', consentText: '', consentAt: null, receivedAt: '2022-06-20T09:30', createdAt: '2022-06-20T14:30:00.000Z' };
  await insertSubmission(app.api.db, { ...base, text: '¿Cuándo abren las inscripciones? <b>urgente</b>', name: 'Ana', contact: 'ana@example.org', consentText: 'Aviso', consentAt: '2022-06-20T09:30' });
  await insertSubmission(app.api.db, { ...base, text: 'Mensaje sin relación con el foro' });
  await insertSubmission(app.api.db, { ...base, text: '¿Quedan cupos para jóvenes este año?' });
  await app.queryClient.invalidateQueries();
  return forum;
}

describe('/preguntas/moderacion', () => {
  it('an editor accepts one as a case, rejects one with a reason (after confirming) and merges one into a case of its forum', async () => {
    const app = await renderApp('/preguntas/moderacion', { as: 'editora' });
    server = app.server;
    await withSubmissions(app);
    const list = await screen.findByRole('list', { name: 'Preguntas de la ciudadanía' }, wait);
    // The citizen's words are plain text: the markup shows as typed, never as bold.
    const first = (await within(list).findByRole('heading', { name: '¿Cuándo abren las inscripciones? <b>urgente</b>' }, wait)).closest('article')!;
    expect(within(first).getByText('Con nombre o contacto autorizados (Ley 1581)')).toBeInTheDocument();
    expect(screen.queryByText('ana@example.org')).not.toBeInTheDocument();

    await userEvent.selectOptions(within(first).getByLabelText('Tipo de pregunta'), 'Solicitud de información');
    await userEvent.click(within(first).getByRole('button', { name: 'Aceptar como pregunta' }));
    expect(await screen.findByText('Pregunta aceptada: ya es un caso con fecha de vencimiento.', undefined, wait)).toBeInTheDocument();
    await waitGone('¿Cuándo abren las inscripciones? <b>urgente</b>');

    const second = screen.getByRole('heading', { name: 'Mensaje sin relación con el foro' }).closest('article')!;
    await userEvent.click(within(second).getByRole('button', { name: 'Rechazar…' }));
    await userEvent.click(within(second).getByRole('button', { name: 'Rechazar' }));
    expect(within(second).getByText('Motivo del rechazo (obligatorio)', { selector: '.mantine-InputWrapper-error' })).toBeInTheDocument();
    await userEvent.type(within(second).getByRole('textbox', { name: /Motivo del rechazo/ }), 'No trata el tema del foro.');
    await userEvent.click(within(second).getByRole('button', { name: 'Rechazar' }));
    const dialog = await screen.findByRole('dialog', { name: '¿Rechazar esta pregunta?' }, wait);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rechazar' }));
    expect(await screen.findByText('Pregunta rechazada.', undefined, wait)).toBeInTheDocument();

    const third = screen.getByRole('heading', { name: '¿Quedan cupos para jóvenes este año?' }).closest('article')!;
    await userEvent.click(within(third).getByRole('button', { name: 'Fusionar con otra…' }));
    const target = await within(third).findByLabelText('Pregunta del mismo foro que pregunta lo mismo', undefined, wait);
    expect(within(target).getByRole('option', { name: /¿Hay cupos para jóvenes\?/ })).toBeInTheDocument();
    await userEvent.click(within(third).getByRole('button', { name: 'Fusionar' }));
    expect(await screen.findByText('No hay preguntas por moderar.', undefined, wait)).toBeInTheDocument();

    // The rejected one, with its reason, under its status; the accepted one links to its case.
    await userEvent.selectOptions(screen.getByLabelText('Mostrar'), 'Rechazada (1)');
    expect(app.router.state.location.search).toBe('?estado=rechazada');
    expect(await screen.findByText(/Motivo: No trata el tema del foro\./, undefined, wait)).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Mostrar'), 'Aceptada (1)');
    await userEvent.click(await screen.findByRole('link', { name: 'Abrir el caso' }, wait));
    expect(await screen.findByRole('heading', { level: 1, name: /^Pregunta \d+$/ }, wait)).toBeInTheDocument();
    expect(await screen.findByDisplayValue('¿Cuándo abren las inscripciones? <b>urgente</b>', undefined, wait)).toBeInTheDocument();
  });

  it('merging keeps a consented contact with the case: shown in its personal data on request, removable alone', async () => {
    const app = await renderApp('/preguntas/moderacion', { as: 'editora' });
    server = app.server;
    const forum = await withSubmissions(app);
    const first = (await screen.findByRole('heading', { name: '¿Cuándo abren las inscripciones? <b>urgente</b>' }, wait)).closest('article')!;
    await userEvent.click(within(first).getByRole('button', { name: 'Fusionar con otra…' }));
    await within(first).findByLabelText('Pregunta del mismo foro que pregunta lo mismo', undefined, wait);
    expect(within(first).getByText(/se conservan con la pregunta elegida, para poder responderle también/)).toBeInTheDocument();
    await userEvent.click(within(first).getByRole('button', { name: 'Fusionar' }));
    await waitGone('¿Cuándo abren las inscripciones? <b>urgente</b>');

    const caseId = (await apiAs<{ items: { id: number }[] }>(app, 'editora', 'GET', `/api/questions?forumId=${forum.id}`)).items[0]!.id;
    await app.router.navigate(`/preguntas/${caseId}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Ver datos personales' }, wait));
    expect(await screen.findByRole('heading', { name: 'También preguntaron lo mismo (preguntas fusionadas)' }, wait)).toBeInTheDocument();
    expect(screen.getByText(/ana@example\.org/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /^Suprimir los datos de la pregunta ciudadana \d+$/ }));
    const dialog = await screen.findByRole('dialog', { name: '¿Suprimir los datos de esta persona?' }, wait);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Suprimir datos personales' }));
    expect(await screen.findByText('Datos personales suprimidos.', undefined, wait)).toBeInTheDocument();
    expect(screen.queryByText(/ana@example\.org/)).not.toBeInTheDocument();
  });

  it('a reviewer reads the queue without the buttons that decide', async () => {
    const app = await renderApp('/preguntas/moderacion', { as: 'revisor' });
    server = app.server;
    await withSubmissions(app);
    await screen.findByRole('heading', { name: 'Mensaje sin relación con el foro' }, wait);
    expect(screen.queryByRole('button', { name: 'Aceptar como pregunta' })).not.toBeInTheDocument();
  });
});

async function waitGone(text: string) {
  const { waitFor } = await import('@testing-library/react');
  await waitFor(() => expect(screen.queryByRole('heading', { name: text })).not.toBeInTheDocument(), wait);
}
