import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommitmentDetail } from '../../src/domain/commitment';
import { apiAs, renderApp } from '../support/render-app';
import { choose } from './consultations-support';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

async function forumOf(app: Awaited<ReturnType<typeof renderApp>>) {
  return app.api.db.selectFrom('forums').select(['id', 'title', 'date']).where('date', '=', '2022-06-22').executeTakeFirstOrThrow();
}

describe('commitment pages', () => {
  it('lists commitments with overdue marked and filters in the URL; a follow-up moves progress; cancelling asks first and then refuses follow-ups', async () => {
    const app = await renderApp('/inicio', { as: 'editora' });
    server = app.server;
    const forum = await forumOf(app);
    const made = await apiAs<CommitmentDetail>(app, 'editora', 'POST', '/api/commitments', {
      forumId: forum.id,
      text: 'Publicar la ruta de empleo juvenil',
      area: 'Subdirección de Formación',
      person: '',
      dueDate: '2022-12-15',
      status: 'pending',
      cancelReason: '',
      progress: 0,
    });
    await app.router.navigate('/compromisos?estado=overdue');
    const link = await screen.findByRole('link', { name: 'Publicar la ruta de empleo juvenil' });
    const row = link.closest('tr')!;
    expect(within(row).getByText('Vencido')).toBeInTheDocument();

    fireEvent.click(link);
    expect(await screen.findByRole('heading', { name: /Publicar la ruta de empleo juvenil/, level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Aún no tiene seguimientos.')).toBeInTheDocument();
    const followUps = screen.getByRole('region', { name: 'Seguimiento' });
    fireEvent.change(within(followUps).getByLabelText(/Fecha/), { target: { value: '01/11/2022' } });
    fireEvent.blur(within(followUps).getByLabelText(/Fecha/));
    fireEvent.change(within(followUps).getByRole('textbox', { name: /Nota/ }), { target: { value: 'Mesa con la Secretaría de Desarrollo Económico' } });
    const progress = within(followUps).getByRole('textbox', { name: /Avance/ });
    fireEvent.change(progress, { target: { value: '40' } });
    fireEvent.click(within(followUps).getByRole('button', { name: 'Registrar seguimiento' }));
    expect(await screen.findByText('Mesa con la Secretaría de Desarrollo Económico')).toBeInTheDocument();
    expect(await screen.findByText('En curso')).toBeInTheDocument();

    // Cancel: the reason is asked for, then a confirmation; afterwards no follow-up form.
    const user = userEvent.setup();
    const edit = screen.getByRole('region', { name: 'Datos del compromiso' });
    await choose(user, within(edit).getByRole('textbox', { name: 'Estado' }), 'Cancelado');
    fireEvent.click(within(edit).getByRole('button', { name: 'Guardar compromiso' }));
    expect(await within(edit).findByText('Escriba el motivo de la cancelación.')).toBeInTheDocument();
    fireEvent.change(within(edit).getByRole('textbox', { name: /Motivo de la cancelación/ }), { target: { value: 'El programa pasó a otra entidad.' } });
    fireEvent.click(within(edit).getByRole('button', { name: 'Guardar compromiso' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Sí, cancelar el compromiso' }));
    expect(await screen.findByText('El compromiso está cancelado: no admite seguimiento.')).toBeInTheDocument();
    const stored = await app.api.db.selectFrom('commitments').select(['status', 'cancel_reason', 'progress']).where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'cancelled', cancel_reason: 'El programa pasó a otra entidad.', progress: 40 });
  });

  it('updates progress from a CSV: an unknown area is a row problem and saves nothing; a good file previews and saves', async () => {
    const app = await renderApp('/inicio', { as: 'editora' });
    server = app.server;
    const forum = await forumOf(app);
    const made = await apiAs<CommitmentDetail>(app, 'editora', 'POST', '/api/commitments', {
      forumId: forum.id,
      text: 'Informe en lenguaje claro',
      area: 'Oficina de Comunicaciones',
      person: '',
      dueDate: '2023-03-01',
      status: 'pending',
      cancelReason: '',
      progress: 0,
    });
    await app.router.navigate('/compromisos/importar');
    const input = (await screen.findByLabelText('Elegir archivo CSV o XLSX')) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([`Área,Número,Avance,Nota\nGerencia,${made.id},50,\n`], 'avances.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText('avances.csv: 1 fila leída.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    expect(await screen.findByText('Fila 2 (Área): No se conoce el área «Gerencia».')).toBeInTheDocument();

    fireEvent.change(input, { target: { files: [new File([`Área,Número,Avance,Nota\nOficina de Comunicaciones,${made.id},50,Borrador listo\n`], 'avances.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText('avances.csv: 1 fila leída.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    expect(await screen.findByText('Filas: 1 · Compromisos que se actualizarán: 1')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Confirmar importación' }));
    expect(await screen.findByText('Se actualizaron 1 compromisos de avances.csv.')).toBeInTheDocument();
    const stored = await app.api.db.selectFrom('commitments').select(['progress', 'status']).where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ progress: 50, status: 'in_progress' });
  });

  it('a reviewer reads the list but gets no buttons to write', async () => {
    const app = await renderApp('/compromisos', { as: 'revisor' });
    server = app.server;
    expect(await screen.findByRole('heading', { name: 'Compromisos', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('No hay compromisos con estos filtros')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Nuevo compromiso' })).not.toBeInTheDocument();
  });
});

describe('forum evaluation page', () => {
  it('imports a Forms export (personal column dropped), then shows the tally table, the satisfaction index and the comments', async () => {
    const app = await renderApp('/inicio', { as: 'editora' });
    server = app.server;
    const forum = await forumOf(app);
    await app.router.navigate(`/foros/${forum.id}/evaluacion`);
    expect(await screen.findByText(/Aún no hay respuestas de evaluación/)).toBeInTheDocument();
    const input = screen.getByLabelText('Elegir archivo CSV o XLSX') as HTMLInputElement;
    const csv = 'Marca temporal,Correo electrónico,¿La información fue clara?,¿El tema le resultó útil?,Comentarios\n2022/06/22,ana@example.org,5,4,Muy útil\n2022/06/22,luis@example.org,3,5,\n';
    fireEvent.change(input, { target: { files: [new File([csv], 'evaluacion.csv', { type: 'text/csv' })] } });
    expect(await screen.findByText('evaluacion.csv: 2 filas leídas.')).toBeInTheDocument();
    expect(screen.queryByText('ana@example.org')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Vista previa' }));
    expect(await screen.findByText(/Columnas con datos personales que no se guardarán: «Correo electrónico»/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Confirmar importación' }));
    expect(await screen.findByText('Se guardaron 2 respuestas de evaluacion.csv.')).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Resultado por pregunta' });
    const clarity = within(table).getByRole('rowheader', { name: /¿La información fue clara\?/ }).closest('tr')!;
    expect(within(clarity).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '0', '1', '0', '1', '2', '4', '50 %']);
    expect(screen.getByText('75 %')).toBeInTheDocument();
    expect(screen.getByText('«Muy útil»')).toBeInTheDocument();
  });
});

describe('the demo’s illustrative examples', () => {
  it('are marked «Ejemplo ilustrativo» in the list and on the commitment, and the evaluation page says its responses are examples', async () => {
    const app = await renderApp('/compromisos?vigencia=2022', { as: 'editora', examples: true });
    server = app.server;
    const link = await screen.findByRole('link', { name: /Publicar en la página web la ruta de acceso .* \(ejemplo ilustrativo\)/ }, { timeout: 30_000 });
    expect(within(link.closest('tr')!).getByText('Ejemplo ilustrativo')).toBeInTheDocument();
    fireEvent.click(link);
    expect(await screen.findByRole('heading', { name: /Publicar en la página web la ruta de acceso/, level: 1 }, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.getByText('Ejemplo ilustrativo')).toBeInTheDocument();
    const forum = await forumOf(app);
    await app.router.navigate(`/foros/${forum.id}/evaluacion`);
    expect(await screen.findByText('Respuestas de ejemplo', undefined, { timeout: 30_000 })).toBeInTheDocument();
  });
});
