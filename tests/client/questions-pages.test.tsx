import { screen, waitFor, within } from '@testing-library/react';
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

describe('/preguntas, the forum filter', () => {
  it('lists one forum’s questions and keeps the forum in the URL', async () => {
    const app = await renderApp('/preguntas', { as: 'editora' });
    server = app.server;
    const forum = await withQuestions(app);
    await apiAs<Forum>(app, 'editora', 'POST', '/api/forums', validForum({ title: 'Foro de cultura', date: '2022-08-10', questions: [{ text: '¿Habrá conciertos?', channel: 'live_chat', askedBy: '', answered: false, answeredBy: '', answerSummary: '' }] }));
    await app.queryClient.invalidateQueries();
    const table = await screen.findByRole('table', { name: 'Preguntas por fecha de vencimiento' }, wait);
    await within(table).findByRole('link', { name: '¿Habrá conciertos?' }, wait);
    const filter = screen.getByRole('combobox', { name: 'Foro' });
    await within(filter).findByRole('option', { name: 'Foro de juventudes (2022)' }, wait);
    await userEvent.selectOptions(filter, 'Foro de juventudes (2022)');
    expect(app.router.state.location.search).toBe(`?foro=${forum.id}`);
    expect(await screen.findByText('2 preguntas', undefined, wait)).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: '¿Cuándo abren las inscripciones?' })).toBeInTheDocument();
    expect(within(table).queryByRole('link', { name: '¿Habrá conciertos?' })).not.toBeInTheDocument();
  });
});

describe('/preguntas/:id', () => {
  it('a commitment is made from the question: its forum fixed, the question linked both ways', async () => {
    const app = await renderApp('/preguntas', { as: 'editora' });
    server = app.server;
    const forum = await withQuestions(app);
    const id = forum.questions[0]!.questionId!;
    await app.router.navigate(`/preguntas/${id}`);
    await userEvent.click(await screen.findByRole('link', { name: 'Registrar un compromiso' }, wait));
    expect(await screen.findByRole('heading', { name: 'Nuevo compromiso', level: 1 }, wait)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: `Sale de la pregunta ${id}` })).toHaveAttribute('href', `/preguntas/${id}`);
    const forumField = await screen.findByRole('textbox', { name: /^Foro del que sale/ }, wait);
    await waitFor(() => expect(forumField).toHaveValue('Foro de juventudes (2022)'));
    expect(forumField).toBeDisabled();
    await userEvent.type(screen.getByRole('textbox', { name: /^Compromiso/ }), 'Publicar el calendario de inscripciones');
    await userEvent.type(screen.getByRole('textbox', { name: /^Área responsable/ }), 'Subdirección de Formación');
    const due = screen.getByRole('textbox', { name: /^Fecha límite/ });
    await userEvent.type(due, '30/09/2022');
    await userEvent.tab();
    await userEvent.click(screen.getByRole('button', { name: 'Guardar compromiso' }));
    expect(await screen.findByRole('link', { name: `Sale de la pregunta ${id}` }, wait)).toBeInTheDocument();
    await waitFor(() => expect(app.router.state.location.pathname).toMatch(/^\/compromisos\/\d+$/));
    const saved = await apiAs<{ questionId: number | null; forumId: number }>(app, 'editora', 'GET', `/api/commitments/${app.router.state.location.pathname.split('/').pop()}`);
    expect(saved).toMatchObject({ questionId: id, forumId: forum.id });
  });

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

describe('/preguntas/importar', () => {
  const header = 'Marca temporal,Foro,Canal,Tipo,Pregunta,Nombre,Correo,¿Autoriza el tratamiento de sus datos?';

  it('an editor reaches it from /preguntas, sees a bad row as «Fila N», then imports the file all at once; names are never shown', async () => {
    const app = await renderApp('/preguntas', { as: 'editora' });
    server = app.server;
    await withQuestions(app);
    await userEvent.click(await screen.findByRole('link', { name: 'Importar preguntas' }, wait));
    expect(await screen.findByRole('heading', { name: 'Importar preguntas desde un archivo', level: 1 }, wait)).toBeInTheDocument();
    const input = (await screen.findByLabelText('Elegir archivo CSV o XLSX')) as HTMLInputElement;

    const bad = `${header}\n2022/06/23 10:00:00,Foro de juventudes,Chat en vivo,Petición,¿Habrá becas?,Ana Ruiz,ana@example.org,No\n`;
    await userEvent.upload(input, new File([bad], 'preguntas.csv', { type: 'text/csv' }));
    expect(await screen.findByText('preguntas.csv: 1 fila leída.', undefined, wait)).toBeInTheDocument();
    // The personal columns are flagged and their values not shown in the mapping.
    expect(screen.queryByText('Ana Ruiz')).not.toBeInTheDocument();
    expect(screen.queryByText('ana@example.org')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    expect(await screen.findByText(/^Fila 2 \(¿Autoriza el tratamiento de sus datos\?\): La fila trae nombre o contacto sin autorización/, undefined, wait)).toBeInTheDocument();

    const good = `${header}\n2022/06/23 10:00:00,Foro de juventudes,Chat en vivo,Petición,¿Habrá becas?,Ana Ruiz,ana@example.org,Sí\n2022/06/24 09:30:00,Foro de juventudes,Formulario web,Consulta,¿Dónde me inscribo?,,,\n`;
    await userEvent.upload(input, new File([good], 'preguntas.csv', { type: 'text/csv' }));
    expect(await screen.findByText('preguntas.csv: 2 filas leídas.', undefined, wait)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    expect(await screen.findByText('Filas: 2 · Preguntas que se importarán: 2 en 1 foros', undefined, wait)).toBeInTheDocument();
    expect(screen.getByText('Con nombre o contacto autorizados: 1. Los datos personales no se muestran aquí.')).toBeInTheDocument();
    const preview = screen.getByRole('table', { name: 'Primeras preguntas' });
    expect(within(preview).getByRole('cell', { name: '¿Habrá becas?' })).toBeInTheDocument();
    expect(within(preview).queryByText('Ana Ruiz')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Confirmar importación' }));
    expect(await screen.findByText('Se importaron 2 preguntas de preguntas.csv.', undefined, wait)).toBeInTheDocument();

    await app.router.navigate('/preguntas');
    const table = await screen.findByRole('table', { name: 'Preguntas por fecha de vencimiento' }, wait);
    expect(await within(table).findByRole('link', { name: '¿Dónde me inscribo?' }, wait)).toBeInTheDocument();
  });

  it('a moderator’s sheet without a forum column goes, whole, to the forum chosen for every row', async () => {
    const app = await renderApp('/preguntas/importar', { as: 'editora' });
    server = app.server;
    await withQuestions(app);
    const input = (await screen.findByLabelText('Elegir archivo CSV o XLSX', undefined, wait)) as HTMLInputElement;
    const sheet = 'Hora,Canal,Pregunta\n2022/06/22 10:05:00,Moderador,¿Habrá transporte al foro?\n2022/06/22 10:20:00,Chat en vivo,¿Dan certificado?\n';
    await userEvent.upload(input, new File([sheet], 'moderador.csv', { type: 'text/csv' }));
    expect(await screen.findByText('moderador.csv: 2 filas leídas.', undefined, wait)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    expect(await screen.findByText(/Falta el foro: indique la columna del foro o elija un foro para todas las filas\./, undefined, wait)).toBeInTheDocument();

    const choice = screen.getByRole('combobox', { name: 'Foro de todas las filas' });
    await within(choice).findByRole('option', { name: 'Foro de juventudes (2022)' }, wait);
    await userEvent.selectOptions(choice, 'Foro de juventudes (2022)');
    expect(screen.getByText('Todas las filas irán a este foro; la columna del foro, si la hay, no se lee.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    expect(await screen.findByText('Filas: 2 · Preguntas que se importarán: 2 en 1 foros', undefined, wait)).toBeInTheDocument();
    const preview = screen.getByRole('table', { name: 'Primeras preguntas' });
    expect(within(preview).getAllByRole('cell', { name: 'Foro de juventudes' })).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Confirmar importación' }));
    expect(await screen.findByText('Se importaron 2 preguntas de moderador.csv.', undefined, wait)).toBeInTheDocument();

    await app.router.navigate('/preguntas');
    const table = await screen.findByRole('table', { name: 'Preguntas por fecha de vencimiento' }, wait);
    expect(await within(table).findByRole('link', { name: '¿Dan certificado?' }, wait)).toBeInTheDocument();
  });

  it('a reviewer gets no import link and the page says they may not import', async () => {
    const app = await renderApp('/preguntas', { as: 'revisor' });
    server = app.server;
    expect(await screen.findByRole('heading', { name: 'Preguntas', level: 1 }, wait)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Importar preguntas' })).not.toBeInTheDocument();
    await app.router.navigate('/preguntas/importar');
    expect(await screen.findByRole('heading', { name: 'Su rol no tiene permiso para ver esta página.', level: 1 }, wait)).toBeInTheDocument();
    expect(screen.queryByLabelText('Elegir archivo CSV o XLSX')).not.toBeInTheDocument();
  });
});
