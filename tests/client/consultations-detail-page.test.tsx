import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../support/render-app';
import { choose, createOpenConsultation } from './consultations-support';


let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
  window.localStorage.clear();
});

describe('consultation detail page', () => {
  it('adds a response by hand: the rule message shows at the topics when nothing is chosen, then it saves', async () => {
    const app = await renderApp('/consultas', { as: 'editora', demo: false });
    server = app.server;
    const { consultation } = await createOpenConsultation(app.api);
    await app.router.navigate(`/consultas/${consultation.id}?vista=respuestas`);
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { name: 'Aún no hay respuestas.' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Agregar respuesta' }));
    const dialog = await screen.findByRole('dialog', { name: 'Agregar una respuesta' });
    await user.click(within(dialog).getByRole('button', { name: 'Guardar respuesta' }));
    expect(await within(dialog).findByText('Elija al menos un tema o proponga uno.')).toBeInTheDocument();
    const none = await (await app.api.call('GET', `/api/consultations/${consultation.id}/responses`, { cookie: await app.api.login('editora') })).json();
    expect(none.total).toBe(0);

    await user.click(within(dialog).getByRole('checkbox', { name: 'Empleo y formación' }));
    await user.type(within(dialog).getByRole('textbox', { name: /Preguntas para el foro/ }), '¿Habrá becas?');
    await user.click(within(dialog).getByRole('button', { name: 'Guardar respuesta' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Agregar una respuesta' })).not.toBeInTheDocument());
    const table = await screen.findByRole('table', { name: 'Respuestas de la consulta' });
    expect(within(table).getByText('Empleo y formación')).toBeInTheDocument();
    expect(within(table).getByText('¿Habrá becas?')).toBeInTheDocument();
  });

  it('shows the tally: votes per topic (internal and external), per channel, proposals grouped and questions by topic', async () => {
    const app = await renderApp('/consultas', { as: 'revisor', demo: false });
    server = app.server;
    const { consultation, addResponse } = await createOpenConsultation(app.api);
    const [salud, empleo] = consultation.topics;
    await addResponse({ topicIds: [salud.id], valueGroupKind: 'internal', valueGroup: 'Servidores' });
    await addResponse({ topicIds: [salud.id, empleo.id], channel: 'email', questions: ['¿Cuándo abren las rutas?'] });
    await addResponse({ topicIds: [salud.id], proposedTopic: 'Deporte en los barrios' });
    await addResponse({ proposedTopic: 'deporte en los barrios.' });
    await app.router.navigate(`/consultas/${consultation.id}?vista=resultados`);

    const table = await screen.findByRole('table', { name: 'Votos por tema, en total y por tipo de grupo de valor' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => Array.from(row.children).map((cell) => cell.textContent))).toEqual([
      ['Salud mental juvenil', '3', '1', '2'],
      ['Empleo y formación', '1', '0', '1'],
      ['Presupuesto participativo', '0', '0', '0'],
    ]);
    expect(screen.getByText('4 respuestas')).toBeInTheDocument();
    const channels = screen.getByRole('table', { name: 'Respuestas recibidas por cada canal' });
    expect(within(channels).getByRole('rowheader', { name: 'Correo masivo' }).closest('tr')).toHaveTextContent('1');
    expect(screen.getByText('2 veces')).toBeInTheDocument();
    // Under each of its two topics.
    expect(screen.getAllByText('¿Cuándo abren las rutas?')).toHaveLength(2);
    // The chart (lazy) with its accessible summary naming the winning topic.
    expect(await screen.findByRole('img', { name: /Más votado: «Salud mental juvenil» con 3 votos/ })).toBeInTheDocument();
    // A reviewer has no import tab.
    expect(screen.queryByRole('tab', { name: 'Importar' })).not.toBeInTheDocument();
  });

  it('shows the first 20 questions of a topic and the rest on request', async () => {
    const app = await renderApp('/consultas', { as: 'revisor', demo: false });
    server = app.server;
    const { consultation, addResponse } = await createOpenConsultation(app.api);
    const [salud] = consultation.topics;
    for (let i = 1; i <= 25; i++) await addResponse({ topicIds: [salud.id], questions: [`Pregunta número ${i}`] });
    await app.router.navigate(`/consultas/${consultation.id}?vista=resultados`);

    const more = await screen.findByRole('button', { name: 'Mostrar las 25 preguntas' });
    expect(screen.getAllByText(/^Pregunta número \d+$/)).toHaveLength(20);
    await userEvent.setup().click(more);
    expect(screen.getAllByText(/^Pregunta número \d+$/)).toHaveLength(25);
    expect(screen.getByRole('button', { name: 'Mostrar solo las primeras' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('deletes a consultation only after confirming: says how many responses go with it, the safe choice first', async () => {
    const app = await renderApp('/consultas', { as: 'editora', demo: false });
    server = app.server;
    const { consultation, addResponse, cookie } = await createOpenConsultation(app.api);
    await addResponse({ topicIds: [consultation.topics[0].id] });
    await addResponse({ topicIds: [consultation.topics[1].id] });
    await app.router.navigate(`/consultas/${consultation.id}`);
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: 'Consulta de prueba', level: 1 });

    await user.click(screen.getByRole('button', { name: 'Eliminar' }));
    let dialog = await screen.findByRole('dialog', { name: '¿Eliminar la consulta «Consulta de prueba»?' });
    expect(within(dialog).getByText('Se eliminarán la consulta y sus 2 respuestas. Esta acción no se puede deshacer.')).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Cancelar' })).toHaveFocus());
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect((await app.api.call('GET', `/api/consultations/${consultation.id}`, { cookie })).status).toBe(200);

    await user.click(screen.getByRole('button', { name: 'Eliminar' }));
    dialog = await screen.findByRole('dialog', { name: '¿Eliminar la consulta «Consulta de prueba»?' });
    await user.click(within(dialog).getByRole('button', { name: 'Eliminar consulta' }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/consultas'));
    expect(await screen.findByText('Consulta eliminada')).toBeInTheDocument();
    expect((await app.api.call('GET', `/api/consultations/${consultation.id}`, { cookie })).status).toBe(404);
  });

  it('creates a forum from a topic after confirming, and lands on the forum with the topic title', async () => {
    const app = await renderApp('/consultas', { as: 'editora', demo: false });
    server = app.server;
    const { consultation, addResponse } = await createOpenConsultation(app.api);
    await addResponse({ topicIds: [consultation.topics[1].id], questions: ['¿Qué cursos habrá?'] });
    await app.router.navigate(`/consultas/${consultation.id}`);
    const user = userEvent.setup();
    const topic = await screen.findByRole('article', { name: 'Empleo y formación' });
    await user.click(within(topic).getByRole('button', { name: 'Crear foro con este tema' }));
    const dialog = await screen.findByRole('dialog', { name: '¿Crear un foro con el tema «Empleo y formación»?' });
    await user.click(within(dialog).getByRole('button', { name: 'Crear foro' }));
    await waitFor(() => expect(app.router.state.location.pathname).toMatch(/^\/foros\/\d+$/));
    expect(await screen.findByRole('heading', { level: 1, name: 'Empleo y formación' })).toBeInTheDocument();

    await app.router.navigate(`/consultas/${consultation.id}`);
    const again = await screen.findByRole('article', { name: 'Empleo y formación' });
    expect(await within(again).findByRole('link', { name: 'Ver el foro «Empleo y formación»' })).toBeInTheDocument();
    expect(within(again).queryByRole('button', { name: 'Crear foro con este tema' })).not.toBeInTheDocument();
  });

  it('imports a Google Forms CSV: maps the columns (personal flagged), previews, confirms; a bad file saves nothing', async () => {
    const app = await renderApp('/consultas', { as: 'editora', demo: false });
    server = app.server;
    const { consultation } = await createOpenConsultation(app.api);
    const cookie = await app.api.login('editora');
    await app.router.navigate(`/consultas/${consultation.id}?vista=importar`);
    const input = (await screen.findByLabelText('Elegir archivo CSV o XLSX')) as HTMLInputElement;

    fireEvent.change(input, { target: { files: [new File([''], 'vacio.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText(/vacio\.csv: El archivo está vacío\./)).toBeInTheDocument();

    const year = new Date().getFullYear();
    const csv = [
      'Marca temporal,Dirección de correo electrónico,¿Es usted servidor o ciudadano?,¿Qué temas le interesan?,Proponga un tema,¿Qué pregunta le gustaría que respondieran?',
      `${year}/03/02 10:15:00 a. m. GMT-5,ana@example.org,Ciudadano,"Salud mental juvenil, Empleo y formación",,¿Habrá becas?`,
      `${year}/03/03 9:00:00 a. m. GMT-5,luis@example.org,Servidor público,Salud mental juvenil,Deporte,`,
    ].join('\n');
    fireEvent.change(input, { target: { files: [new File([csv], 'respuestas.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText('respuestas.csv: 2 filas leídas.')).toBeInTheDocument();
    const emailRow = screen.getByRole('rowheader', { name: /Dirección de correo electrónico/ }).closest('tr')!;
    expect(within(emailRow).getByText('Dato personal: no se guardará')).toBeInTheDocument();
    expect(screen.queryByText('ana@example.org')).not.toBeInTheDocument();

    // "¿Es usted servidor o ciudadano?" is the value group (internal or external): mapped by hand.
    await choose(userEvent.setup(), screen.getByRole('textbox', { name: 'Contenido de la columna «¿Es usted servidor o ciudadano?»' }), 'Tipo de grupo (interno o externo)');
    fireEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    expect(await screen.findByText('Vista previa de la importación')).toBeInTheDocument();
    expect(screen.getByText(/Columnas con datos personales que no se guardarán: «Dirección de correo electrónico»/)).toBeInTheDocument();
    const before = await (await app.api.call('GET', `/api/consultations/${consultation.id}/responses`, { cookie })).json();
    expect(before.total).toBe(0);

    fireEvent.click(screen.getByRole('button', { name: 'Confirmar importación' }));
    expect(await screen.findByText('Se guardaron 2 respuestas de respuestas.csv.', { selector: 'p' })).toBeInTheDocument();
    const after = await (await app.api.call('GET', `/api/consultations/${consultation.id}/responses`, { cookie })).json();
    expect(after.total).toBe(2);
    expect(JSON.stringify(after)).not.toContain('example.org');
    // The mapping is remembered for the next file of this consultation.
    expect(window.localStorage.getItem(`foros:consultas:${consultation.id}:columnas`)).toContain('personal');
  });

  it('imports a topic-only Google Forms export (timestamp, topic, name, e-mail): the value group of the whole file is «No indicado» unless chosen (issue 10, item 1)', async () => {
    const app = await renderApp('/consultas', { as: 'editora', demo: false });
    server = app.server;
    const { consultation } = await createOpenConsultation(app.api);
    const cookie = await app.api.login('editora');
    await app.router.navigate(`/consultas/${consultation.id}?vista=importar`);
    const input = (await screen.findByLabelText('Elegir archivo CSV o XLSX')) as HTMLInputElement;
    const year = new Date().getFullYear();
    const csv = [
      'Marca temporal,¿Qué tema le gustaría que se tratara en el foro?,Nombre,Dirección de correo electrónico',
      `${year}/03/02 10:15:00 a. m. GMT-5,Salud mental juvenil,Ana Pérez,ana@example.org`,
      `${year}/03/03 9:00:00 a. m. GMT-5,Empleo y formación,Luis Gómez,luis@example.org`,
    ].join('\n');
    fireEvent.change(input, { target: { files: [new File([csv], 'google.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText('google.csv: 2 filas leídas.')).toBeInTheDocument();
    const kindSelect = screen.getByRole('textbox', { name: 'Grupo de valor de las respuestas sin grupo' });
    expect(kindSelect).toHaveValue('No indicado');

    fireEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    expect(await screen.findByText('Vista previa de la importación')).toBeInTheDocument();
    expect(screen.queryByText('No se pudo leer el archivo')).not.toBeInTheDocument();
    const previewTable = screen.getByRole('table', { name: 'Primeras respuestas como quedarán' });
    expect(within(previewTable).getAllByText('No indicado')).toHaveLength(2);

    // Chosen for the whole file: the preview follows.
    await choose(userEvent.setup(), kindSelect, 'Externo');
    fireEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Primeras respuestas como quedarán' })).getAllByText('Externo')).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Confirmar importación' }));
    expect(await screen.findByText('Se guardaron 2 respuestas de google.csv.', { selector: 'p' })).toBeInTheDocument();
    const after = (await (await app.api.call('GET', `/api/consultations/${consultation.id}/responses`, { cookie })).json()) as { items: { valueGroupKind: string }[] };
    expect(after.items.map((r) => r.valueGroupKind)).toEqual(['external', 'external']);
  });

  it('says why a closed or draft consultation takes no import, from its real status, and what can be done (issue 10, item 4)', async () => {
    const app = await renderApp('/consultas', { as: 'editora', demo: false });
    server = app.server;
    const { consultation } = await createOpenConsultation(app.api, { status: 'closed' });
    await app.router.navigate(`/consultas/${consultation.id}?vista=importar`);
    const note = await screen.findByText(/La consulta está cerrada: no admite respuestas nuevas, tampoco importadas/);
    expect(note).toHaveTextContent('Las que llegaron tarde se pueden importar si se vuelve a abrir');
    expect(screen.queryByText(/borrador/)).not.toBeInTheDocument();
    expect(within(note).getByRole('link', { name: 'Volver a abrirla desde «Editar» (estado «Abierta»).' })).toHaveAttribute('href', `/consultas/${consultation.id}/editar`);
    expect(screen.getByRole('button', { name: 'Elegir archivo CSV o XLSX' })).toBeDisabled();


    const year = new Date().getFullYear() - 1;
    const { consultation: draft } = await createOpenConsultation(app.api, { status: 'draft', year, openDate: `${year}-01-01`, closeDate: `${year}-12-31` });
    await app.router.navigate(`/consultas/${draft.id}?vista=importar`);
    expect(await screen.findByText(/La consulta está en borrador: aún no recibe respuestas, tampoco importadas/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ábrala desde «Editar» (estado «Abierta»).' })).toHaveAttribute('href', `/consultas/${draft.id}/editar`);
  });

  it('the 2022 demo consultation shows its tally and chart, with the note that its responses are illustrative (issue 10, item 6)', async () => {
    const app = await renderApp('/consultas', { as: 'revisor' });
    server = app.server;
    const cookie = await app.api.login('revisor');
    const list = (await (await app.api.call('GET', '/api/consultations?year=2022', { cookie })).json()) as { items: { id: number }[] };
    await app.router.navigate(`/consultas/${list.items[0].id}?vista=resultados`);
    expect(await screen.findByText('160 respuestas')).toBeInTheDocument();
    const note = screen.getByRole('note');
    expect(note).toHaveTextContent('Nota sobre esta consulta');
    expect(note).toHaveTextContent(/Datos ilustrativos: el informe de 2022 no publica cuántas personas respondieron/);
    const byTopic = screen.getByRole('table', { name: 'Votos por tema, en total y por tipo de grupo de valor' });
    expect(within(byTopic).getAllByRole('row')[1]).toHaveTextContent('Políticas Públicas Poblacionales');
    expect(await screen.findByRole('img', { name: /^Gráfico de barras apiladas de los votos de 5 temas/ })).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/Tema de ejemplo|no nombra los temas/);
  });
});

