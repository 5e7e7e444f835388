import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import type { Forum } from '../../src/domain/forum';
import type { QuestionCase } from '../../src/domain/question';
import { validForum } from '../support/api-assertions';
import { apiAs, renderApp, type RenderedApp } from '../support/render-app';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

const wait = { timeout: 30_000 };

async function withQuestions(app: RenderedApp) {
  const forum = await apiAs<Forum>(
    app,
    'editora',
    'POST',
    '/api/forums',
    validForum({
      title: 'Foro de juventudes',
      date: '2022-06-22',
      questions: [
        { text: '¿Cuándo abren las inscripciones?', channel: 'web_form', askedBy: '', answered: false, answeredBy: '', answerSummary: '' },
        { text: '¿Hay cupos para jóvenes?', channel: 'live_chat', askedBy: '', answered: true, answeredBy: 'Experta', answerSummary: 'Sí.' },
      ],
    }),
  );
  await app.queryClient.invalidateQueries();
  return forum;
}

describe('/preguntas', () => {
  it('lists the questions by due date with counts, marks the overdue one, and keeps the filters in the URL', async () => {
    const app = await renderApp('/preguntas', { as: 'editora' });
    server = app.server;
    await withQuestions(app);
    const table = await screen.findByRole('table', { name: 'Preguntas por fecha de vencimiento' }, wait);
    const row = (await within(table).findByRole('link', { name: '¿Cuándo abren las inscripciones?' }, wait)).closest('tr')!;
    expect(within(row).getByText('Vencida')).toBeInTheDocument();
    expect(within(row).getByText('15/07/2022')).toBeInTheDocument();
    const counts = screen.getByRole('group', { name: 'Conteo por estado' });
    expect(within(counts).getByText('Vencidas sin responder: 1')).toBeInTheDocument();
    expect(within(counts).getByText('Respondida: 1')).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Vencimiento'), 'Vencidas');
    expect(app.router.state.location.search).toBe('?vence=vencidas');
    await within(table).findByRole('link', { name: '¿Cuándo abren las inscripciones?' }, wait);
    expect(await screen.findByText('1 preguntas', undefined, wait)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '¿Hay cupos para jóvenes?' })).not.toBeInTheDocument();
    // The figures per forum and year.
    const figures = await screen.findByRole('table', { name: 'Oportunidad de las respuestas por foro y vigencia' }, wait);
    expect(within(figures).getByRole('cell', { name: 'Foro de juventudes' })).toBeInTheDocument();
  });
});

describe('/preguntas/:id', () => {
  it('shows the rule at the field, saves an answer, and shows a 409 when someone else saved first', async () => {
    const app = await renderApp('/preguntas', { as: 'editora' });
    server = app.server;
    const forum = await withQuestions(app);
    const id = forum.questions[0]!.questionId!;
    await app.router.navigate(`/preguntas/${id}`);
    expect(await screen.findByRole('heading', { level: 1, name: `Pregunta ${id}` }, wait)).toBeInTheDocument();
    expect(screen.getByText(/Vence el 15 de julio de 2022/)).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Estado'), 'Respondida');
    await userEvent.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Escriba la respuesta antes de marcar la pregunta como respondida.', undefined, wait)).toBeInTheDocument();

    // Someone else saves the case meanwhile.
    const current = await apiAs<QuestionCase>(app, 'admin', 'GET', `/api/questions/${id}`);
    const { id: _i, forumId: _f, forumTitle: _t, forumYear: _y, forumDate: _d, dueDate: _due, hasPersonalData: _h, anonymisedAt: _a, updatedAt: _u, updatedBy: _b, ...input } = current;
    await apiAs(app, 'admin', 'PUT', `/api/questions/${id}`, { ...input, assignee: 'Luis' });

    await userEvent.selectOptions(screen.getByLabelText('Estado'), 'Recibida');
    await userEvent.type(screen.getByLabelText('Persona asignada'), 'Ana');
    await userEvent.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Otra persona guardó esta pregunta', undefined, wait)).toBeInTheDocument();
    expect(screen.getByLabelText('Persona asignada')).toHaveValue('Ana');
  });

  it('a reviewer reads the case without saving, and sees no personal data buttons', async () => {
    const app = await renderApp('/preguntas', { as: 'revisor' });
    server = app.server;
    const forum = await withQuestions(app);
    await app.router.navigate(`/preguntas/${forum.questions[0]!.questionId}`);
    expect(await screen.findByText('Su rol puede consultar las preguntas, no cambiarlas.', undefined, wait)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Guardar' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ver datos personales' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Respondida en vivo' })).not.toBeInTheDocument();
  });
});
