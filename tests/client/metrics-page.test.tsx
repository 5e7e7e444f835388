import { readFileSync } from 'node:fs';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { notifications } from '@mantine/notifications';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import type { ForumPage } from '../../src/domain/forum';
import type { ForumMetricsRecord } from '../../src/domain/metrics-update';
import { parsePastedSeries } from '../../src/client/features/metrics/metrics-series-parse';
import { renderApp } from '../support/render-app';
import { validForum } from '../support/api-assertions';

let server: SetupServerApi | undefined;
afterEach(() => {
  // Notifications live in a store shared by every render: start each test with none.
  notifications.clean();
  server?.close();
  server = undefined;
});

type App = Awaited<ReturnType<typeof renderApp>>;

const fixture = (name: string) => readFileSync(`tests/fixtures/metrics/${name}`);

type TestApi = App['api'];

/** Reads straight from the API (as admin), not through the page. */
async function apiGet<T>(app: { api: TestApi }, path: string): Promise<T> {
  const cookie = await app.api.login('admin');
  const res = await app.api.call('GET', path, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** The 2022 demo forum held on `date` (ids are assigned when the demo loads). */
async function forumId(app: { api: TestApi }, date: string): Promise<number> {
  const page = await apiGet<ForumPage>(app, '/api/forums?year=2022&pageSize=100');
  const forum = page.items.find((f) => f.date === date);
  if (!forum) throw new Error(`no demo forum on ${date}`);
  return forum.id;
}

/** The metrics page of the 2022 demo forum held on `date`, opened at its address (as a link or a reload would). */
async function openMetrics(date: string, as: 'editora' | 'revisor' = 'editora') {
  let id = 0;
  const app = await renderApp(async (api) => {
    id = await forumId({ api }, date);
    return `/foros/${id}/metricas`;
  }, { as });
  server = app.server;
  await screen.findByRole('heading', { level: 1, name: /^Métricas: Foro Virtual de Participación/ }, { timeout: 30_000 });
  return { app, id };
}

/** Counts the PUTs the page sends to the metrics route (a refused save must not even ask the server). */
function countSaves(app: App) {
  const sent = { count: 0 };
  app.server.events.on('request:start', ({ request }) => {
    if (request.method === 'PUT' && /\/api\/forums\/\d+\/metrics$/.test(new URL(request.url).pathname)) sent.count++;
  });
  return sent;
}

/** Someone else (admin) saves first, straight through the API: 12 comments, version 2. */
async function savedByAdminMeanwhile(app: App, id: number) {
  const cookie = await app.api.login('admin');
  const current = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
  const res = await app.api.call('PUT', `/api/forums/${id}/metrics`, {
    cookie,
    body: { postCard: { ...current.postCard, comments: { value: 12, approximate: false } }, liveSummary: current.liveSummary, sincePublication: current.sincePublication, version: current.version },
  });
  expect(res.status).toBe(200);
}

const section = (name: string) => screen.getByRole('region', { name });

/** The text box whose label starts with `label` inside `container` (an approximate figure's label adds «aproximada»). */
function field(container: HTMLElement, label: string) {
  const pattern = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( aproximada)?$`);
  const controls = within(container)
    .getAllByLabelText(pattern)
    .filter((element) => element.matches('input, textarea'));
  expect(controls).toHaveLength(1);
  return controls[0] as HTMLInputElement;
}

async function replaceText(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, text: string) {
  await user.clear(input);
  await user.type(input, text);
  await user.tab();
}

/** The 29 July forum's metrics open, saved meanwhile by admin (version 2); «Reacciones» 45 typed and saved: the conflict's alert. */
async function staleSave() {
  const { app, id } = await openMetrics('2022-07-29');
  const user = userEvent.setup();
  await savedByAdminMeanwhile(app, id);
  const card = section('Publicación');
  await replaceText(user, field(card, 'Reacciones'), '45');
  await user.click(screen.getByRole('button', { name: 'Guardar' }));
  const alert = await screen.findByRole('alert', { name: 'Otra persona guardó una versión más nueva de estas métricas' });
  return { app, id, user, card, alert };
}

describe('metrics page: entry, rules and save', () => {
  it('refuses to save 1-minute views above 3-second views, naming both figures at both fields and in the summary', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const live = section('Resumen de la transmisión en vivo');
    const views1m = field(live, 'Reproducciones de video de 1 minuto');
    const views3s = field(live, 'Reproducciones de video de 3 segundos');
    expect(views1m).toHaveValue('39');
    expect(views3s).toHaveValue('113');

    await replaceText(user, views1m, '200');
    const message = 'Resumen de la transmisión en vivo: las reproducciones de 1 minuto (200) no pueden superar las de 3 segundos (113).';
    await waitFor(() => expect(views1m).toHaveAccessibleDescription(expect.stringContaining(message)));
    expect(views3s).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(views1m).toHaveAttribute('aria-invalid', 'true');
    expect(views3s).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Hay cifras que no pueden ser ciertas')).toBeInTheDocument();

    const saves = countSaves(app);
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('No se guardó: corrija primero las cifras que no pueden ser ciertas.')).toBeInTheDocument();
    expect(saves.count).toBe(0);
    const stored = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(stored.version).toBe(1);
    expect(stored.liveSummary?.views1m).toEqual({ value: 39, approximate: false });

    // Fixing the figure lifts the block; the save goes through.
    await replaceText(user, views1m, '41');
    await waitFor(() => expect(views1m).not.toHaveAttribute('aria-invalid', 'true'));
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Métricas guardadas')).toBeInTheDocument();
    const saved = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(saved.version).toBe(2);
    expect(saved.liveSummary?.views1m).toEqual({ value: 41, approximate: false });
  });

  it('needs each warning confirmed, then saves the figures and the confirmed rule', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const live = section('Resumen de la transmisión en vivo');
    // 150 at the peak, but only 113 plays of 3 seconds during the live: a warning, not a block.
    await replaceText(user, field(live, 'Número máximo de espectadores en vivo'), '150');
    const warning = await screen.findByText(/^Resumen de la transmisión en vivo: el número máximo de espectadores en vivo \(150\) supera a las reproducciones de 3 segundos en vivo \(113\)/);
    const checkbox = screen.getByRole('checkbox', { name: 'Confirmo que las cifras son correctas', description: warning.textContent ?? '' });
    expect(checkbox).not.toBeChecked();

    const saves = countSaves(app);
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('No se guardó: confirme la advertencia marcada o corrija las cifras.')).toBeInTheDocument();
    expect(saves.count).toBe(0);
    expect((await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`)).version).toBe(1);

    await user.click(checkbox);
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Métricas guardadas')).toBeInTheDocument();
    expect(saves.count).toBe(1);
    const saved = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(saved.version).toBe(2);
    expect(saved.liveSummary?.peakLiveViewers).toEqual({ value: 150, approximate: false });
    expect(saved.acknowledgedWarnings).toEqual(['peak-within-viewers']);
    expect(saved.updatedBy).toBe('editora');
  });

  it('reads a pasted «1,7 mil» as ≈ 1.700, marked approximate until an exact figure replaces it', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const since = section('Rendimiento desde la publicación');
    const reach = field(since, 'Personas alcanzadas');
    await user.clear(reach);
    await user.click(reach);
    await user.paste('1,7 mil');
    await user.tab();
    expect(reach).toHaveValue('≈ 1.700');
    expect(within(since).getByText('aproximada')).toBeInTheDocument();
    expect(reach).toHaveAccessibleName('Personas alcanzadas aproximada');

    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Métricas guardadas')).toBeInTheDocument();
    const saved = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(saved.sincePublication?.reach).toEqual({ value: 1700, approximate: true, margin: 50 });
    // Still marked after the save (the form shows the saved figure).
    expect(field(since, 'Personas alcanzadas')).toHaveValue('≈ 1.700');

    await replaceText(user, field(since, 'Personas alcanzadas'), '1.712');
    expect(field(since, 'Personas alcanzadas')).toHaveValue('1.712');
    expect(within(since).queryByText('aproximada')).not.toBeInTheDocument();
  });

  it('keeps an unreadable entry as typed with the Spanish message, and does not save', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const card = section('Publicación');
    const comments = field(card, 'Comentarios');
    await replaceText(user, comments, 'once');
    expect(comments).toHaveValue('once');
    expect(comments).toHaveAccessibleDescription(expect.stringContaining('«once» no es un número.'));
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('No se guardó: hay 1 campo por corregir; el mensaje aparece debajo del campo.')).toBeInTheDocument();
    await waitFor(() => expect(comments).toHaveFocus());
    expect((await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`)).version).toBe(1);
  });

  it('on a stale version keeps what was typed, says who saved, and offers to load or overwrite', async () => {
    const { app, id, user, card, alert } = await staleSave();
    expect(alert).toHaveTextContent('Administración guardó la versión 2');
    expect(within(alert).getByRole('button', { name: 'Cargar la versión guardada' })).toBeInTheDocument();
    expect(field(card, 'Reacciones')).toHaveValue('45');
    expect((await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`)).postCard?.reactions).toEqual({ value: 44, approximate: false });

    await user.click(within(alert).getByRole('button', { name: 'Sobrescribir con mis cambios' }));
    expect(await screen.findByText('Métricas guardadas')).toBeInTheDocument();
    const saved = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(saved.version).toBe(3);
    expect(saved.postCard?.reactions).toEqual({ value: 45, approximate: false });
    // Overwriting sends the whole form: the other person's comments change is replaced by what this form held.
    expect(saved.postCard?.comments).toEqual({ value: 10, approximate: false });
  });

  it('on a stale version, «Cargar la versión guardada» asks before discarding, then shows the saved figures and saves from that version', async () => {
    const { app, id, user, card, alert } = await staleSave();

    await user.click(within(alert).getByRole('button', { name: 'Cargar la versión guardada' }));
    const dialog = await screen.findByRole('dialog', { name: '¿Descartar sus cambios?' });
    await user.click(within(dialog).getByRole('button', { name: 'Conservar mis cambios' }));
    expect(field(card, 'Reacciones')).toHaveValue('45');

    await user.click(within(alert).getByRole('button', { name: 'Cargar la versión guardada' }));
    await user.click(within(await screen.findByRole('dialog', { name: '¿Descartar sus cambios?' })).getByRole('button', { name: 'Descartar mis cambios y cargar' }));
    expect(await screen.findByText('Se cargó la versión 2 guardada por Administración.')).toBeInTheDocument();
    expect(screen.queryByRole('alert', { name: 'Otra persona guardó una versión más nueva de estas métricas' })).not.toBeInTheDocument();
    expect(field(card, 'Reacciones')).toHaveValue('44');
    expect(field(card, 'Comentarios')).toHaveValue('12');

    // The next save starts from the loaded version: no conflict.
    await replaceText(user, field(card, 'Reacciones'), '46');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Métricas guardadas')).toBeInTheDocument();
    const saved = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(saved.version).toBe(3);
    expect(saved.postCard?.reactions).toEqual({ value: 46, approximate: false });
    expect(saved.postCard?.comments).toEqual({ value: 12, approximate: false });
  });

  it('shows a server 422 at the field it names, and keeps the typing when the network fails', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const card = section('Publicación');
    const plays = field(card, 'Reproducciones');
    await replaceText(user, plays, '240');

    app.server.use(
      http.put('*/api/forums/:id/metrics', () =>
        HttpResponse.json(
          {
            type: 'about:blank',
            title: 'Las cifras no son coherentes: regla del servidor.',
            status: 422,
            code: 'blocking',
            errors: [{ path: 'postCard.plays', message: 'Mensaje de la regla del servidor.' }],
            issues: [],
          },
          { status: 422, headers: { 'content-type': 'application/problem+json' } },
        ),
      { once: true },
      ),
      http.put('*/api/forums/:id/metrics', () => HttpResponse.error(), { once: true }),
    );
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    const problem = await screen.findByRole('alert', { name: 'Las cifras no son coherentes: regla del servidor.' });
    expect(problem).toHaveTextContent('Mensaje de la regla del servidor.');
    await waitFor(() => expect(plays).toHaveAccessibleDescription(expect.stringContaining('Mensaje de la regla del servidor.')));
    expect(plays).toHaveValue('240');
    // The server spoke of the figures as sent: a change retires its message.
    await replaceText(user, plays, '241');
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Las cifras no son coherentes: regla del servidor.' })).not.toBeInTheDocument());
    expect(plays).not.toHaveAccessibleDescription(expect.stringContaining('Mensaje de la regla del servidor.'));
    await replaceText(user, plays, '240');

    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    const failure = await screen.findByRole('alert', { name: 'No se pudieron guardar las métricas' });
    expect(failure).toHaveTextContent('No hay conexión con el servidor.');
    expect(plays).toHaveValue('240');
    expect((await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`)).version).toBe(1);

    // The retry goes through to the real API.
    await user.click(within(failure).getByRole('button', { name: 'Reintentar' }));
    expect(await screen.findByText('Métricas guardadas')).toBeInTheDocument();
    expect((await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`)).postCard?.plays).toEqual({ value: 240, approximate: false });
  });

  it('asks before leaving with unsaved figures, and «Sin datos» saves a snapshot as not taken', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const card = section('Publicación');
    await user.click(within(card).getByRole('switch', { name: /^Sin datos/ }));
    expect(within(card).getByText('No se registraron cifras de esta captura.')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: /Volver al foro/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Cambios sin guardar' });
    await user.click(within(dialog).getByRole('button', { name: 'Seguir editando' }));
    expect(app.router.state.location.pathname).toBe(`/foros/${id}/metricas`);

    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Métricas guardadas')).toBeInTheDocument();
    const saved = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(saved.postCard).toBeNull();
    expect(saved.liveSummary).not.toBeNull();
    // Saved: leaving no longer asks.
    await user.click(screen.getByRole('link', { name: /Volver al foro/ }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe(`/foros/${id}`));
  });

  it('fills the live curve from two pasted columns, with a message for each bad line', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const curve = screen.getByRole('group', { name: 'Curva de espectadores en vivo' });
    await user.click(within(curve).getByRole('button', { name: 'Pegar dos columnas' }));
    await user.click(within(curve).getByLabelText('Pegue dos columnas (una fila por línea)'));
    await user.paste('Minuto\tEspectadores\n0:00\t12\n5\t18\n0:10;19\nabc\t3\n');
    expect(await within(curve).findByText('3 filas listas para usar.')).toBeInTheDocument();
    expect(within(curve).getByText('Línea 5: «abc» no es un minuto. Escriba el minuto (5) o h:mm (1:05).')).toBeInTheDocument();
    await user.click(within(curve).getByRole('button', { name: 'Reemplazar la tabla con estas filas' }));
    expect(within(curve).getByLabelText('Fila 3 · Minuto')).toHaveValue('10');
    expect(within(curve).getByLabelText('Fila 3 · Espectadores')).toHaveValue('19');

    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Métricas guardadas')).toBeInTheDocument();
    const saved = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(saved.liveSummary?.liveViewersCurve).toEqual([
      { minute: 0, viewers: 12 },
      { minute: 5, viewers: 18 },
      { minute: 10, viewers: 19 },
    ]);
  });

  it('shows a reviewer the saved figures read-only, approximate ones marked, with no form and no import', async () => {
    await openMetrics('2022-07-29', 'revisor');
    const since = section('Rendimiento desde la publicación');
    expect(within(since).getByText('≈ 1.700 min')).toBeInTheDocument();
    expect(within(since).getByText('aproximada')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Guardar' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Importar CSV de Meta o YouTube' })).not.toBeInTheDocument();
  });
});

describe('metrics page: import', () => {
  it('previews a Meta export (columns, row, values, rules) and saves only after «Confirmar importación»', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const file = new File([fixture('meta-en-comma-bom.csv')], 'meta-en-comma-bom.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('Importar CSV de Meta o YouTube'), file);

    const dialog = await screen.findByRole('dialog', { name: 'Vista previa de la importación' });
    expect(within(dialog).getByText('Exportación de videos de Meta Business Suite')).toBeInTheDocument();
    const columns = within(dialog).getByRole('region', { name: 'Columnas reconocidas' });
    const row = within(columns).getByRole('row', { name: '3-second video views Reproducciones de 3 segundos' });
    expect(row).toBeInTheDocument();
    expect(within(columns).getByText(/Custom labels/)).toBeInTheDocument();
    // Two rows: the forum's (matched by title) is chosen.
    expect(within(dialog).getByText('Se eligió por el título.')).toBeInTheDocument();
    expect((within(dialog).getByRole('textbox', { name: 'Fila del archivo para este foro' }) as HTMLInputElement).value).toMatch(
      /^Fila 2: Foro Virtual de Participación: Políticas Públicas IDIPRON · 22\sde\sjunio\sde\s2022$/,
    );
    const values = within(dialog).getByRole('region', { name: 'Cifras que se escribirán' });
    expect(within(values).getByRole('row', { name: /Publicación Veces compartido Sin dato 15/ })).toBeInTheDocument();

    // Nothing saved yet.
    expect((await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`)).version).toBe(1);

    const rules = within(dialog).getByRole('region', { name: 'Revisión de coherencia del resultado' });
    for (const checkbox of within(rules).queryAllByRole('checkbox')) await user.click(checkbox);
    await user.click(within(dialog).getByRole('button', { name: 'Confirmar importación' }));
    expect(await screen.findByText('Métricas importadas')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Vista previa de la importación' })).not.toBeInTheDocument());

    const saved = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(saved.version).toBe(2);
    expect(saved.postCard).toMatchObject({ source: 'meta_csv', shares: { value: 15, approximate: false }, reach: { value: 650, approximate: false } });
    expect(saved.sincePublication).toMatchObject({ source: 'meta_csv', views15s: { value: 85, approximate: false } });
    // The form now shows the imported figures.
    await waitFor(() => expect(field(section('Publicación'), 'Veces compartido')).toHaveValue('15'));
  });

  it('lists «Fecha de corte» and «Origen» among what an import writes, keeps the saved date (never today), then «Guardar» has nothing to save (issue 10, items 3 and 9)', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const saves = countSaves(app);
    expect(screen.getByRole('button', { name: 'Guardar' })).toBeDisabled();
    await user.upload(screen.getByLabelText('Importar CSV de Meta o YouTube'), new File([fixture('meta-en-comma-bom.csv')], 'meta.csv', { type: 'text/csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Vista previa de la importación' });
    const values = within(dialog).getByRole('region', { name: 'Cifras que se escribirán' });
    expect(within(values).getByRole('row', { name: /^Rendimiento desde la publicación Fecha de corte 20 de octubre de 2022 20 de octubre de 2022$/ })).toBeInTheDocument();
    expect(within(values).getByRole('row', { name: /^Publicación Origen Manual CSV de Meta$/ })).toBeInTheDocument();
    // The person may give the file's date: it replaces both snapshots' dates, as the table shows before confirming.
    const asOf = within(dialog).getByLabelText('Fecha de corte de las cifras del archivo');
    expect(asOf).toHaveValue('');
    await user.type(asOf, '03112022');
    // The preview is the route's dry run: the new date comes back from the server.
    expect(await within(values).findByRole('row', { name: /^Publicación Fecha de corte 20 de octubre de 2022 3 de noviembre de 2022$/ })).toBeInTheDocument();
    await user.clear(asOf);
    expect(await within(values).findByRole('row', { name: /^Publicación Fecha de corte 20 de octubre de 2022 20 de octubre de 2022$/ })).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Confirmar importación' })).toBeEnabled());
    await user.click(within(dialog).getByRole('button', { name: 'Confirmar importación' }));
    expect(await screen.findByText('Métricas importadas')).toBeInTheDocument();
    const saved = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(saved.version).toBe(2);
    expect([saved.postCard!.asOf, saved.liveSummary!.asOf, saved.sincePublication!.asOf]).toEqual(['2022-10-20', '2022-06-22', '2022-10-20']);
    // The form starts again from what was saved: nothing to save.
    await waitFor(() => expect(field(section('Publicación'), 'Veces compartido')).toHaveValue('15'));
    expect(screen.getByRole('button', { name: 'Guardar' })).toBeDisabled();
    expect(saves.count).toBe(0);
  });

  it('reads a Spanish month-first export month first: the 7 September forum gets its row, with its date (issue 10, item 2)', async () => {
    await openMetrics('2022-09-07');
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('Importar CSV de Meta o YouTube'), new File([fixture('meta-es-la-month-first.csv')], 'meta.csv', { type: 'text/csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Vista previa de la importación' });
    expect(within(dialog).getByText('Se eligió por la fecha de publicación.')).toBeInTheDocument();
    expect((within(dialog).getByRole('textbox', { name: 'Fila del archivo para este foro' }) as HTMLInputElement).value).toMatch(/^Fila 4: .* · 7\sde\sseptiembre\sde\s2022$/);
    expect(within(dialog).queryByRole('note')).not.toBeInTheDocument();
  });

  it('after an import, the charts follow the new figures without reloading: the retention curve is drawn', async () => {
    await openMetrics('2022-09-07');
    const user = userEvent.setup();
    // The charts once loaded (a lazy chunk): this forum has no retention curve yet, and the note says so.
    const charts = await screen.findByRole('group', { name: 'Gráficos de las métricas del foro' }, { timeout: 30_000 });
    expect(charts).toHaveTextContent(/retención de la audiencia/);
    expect(within(charts).queryByRole('heading', { name: 'Retención de la audiencia' })).not.toBeInTheDocument();
    await user.upload(screen.getByLabelText('Importar CSV de Meta o YouTube'), new File([fixture('meta-es-la-semicolon-bom.csv')], 'meta.csv', { type: 'text/csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Vista previa de la importación' });
    for (const checkbox of within(dialog).queryAllByRole('checkbox', { name: 'Confirmo que las cifras son correctas' })) await user.click(checkbox);
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Confirmar importación' })).toBeEnabled());
    await user.click(within(dialog).getByRole('button', { name: 'Confirmar importación' }));
    expect(await screen.findByText('Métricas importadas')).toBeInTheDocument();
    expect(await within(charts).findByRole('heading', { name: 'Retención de la audiencia' })).toBeInTheDocument();
  });

  it('says when no date of the file decides its order and the headers’ language did (issue 10, item 2)', async () => {
    await openMetrics('2022-09-07');
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('Importar CSV de Meta o YouTube'), new File([fixture('meta-es-la-ambiguous.csv')], 'meta.csv', { type: 'text/csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Vista previa de la importación' });
    expect(within(dialog).getByRole('note')).toHaveTextContent(/se leyeron con el día primero \(dd\/mm\/aaaa\)/);
  });

  it('does not send figures identical to the saved ones (issue 10, item 9)', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const saves = countSaves(app);
    const views = field(section('Publicación'), 'Reproducciones');
    expect(views).toHaveValue('236');
    // The same figure written another way: the form changed, the figures did not. Sent with Enter (leaving the
    // field would already show it as «236», with nothing left to save).
    await user.clear(views);
    await user.type(views, '236,0');
    expect(screen.getByRole('button', { name: 'Guardar' })).toBeEnabled();
    await user.type(views, '{Enter}');
    expect(await screen.findByText('No hay cambios que guardar: las cifras son las guardadas.')).toBeInTheDocument();
    expect(saves.count).toBe(0);
    expect((await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`)).version).toBe(1);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Guardar' })).toBeDisabled());
  });

  it('a new forum’s metrics start with every snapshot open; blank ones are saved as not taken (issue 10, item 9)', async () => {
    const app = await renderApp('/foros', { as: 'editora' });
    server = app.server;
    const cookie = await app.api.login('editora');
    const created = await app.api.call('POST', '/api/forums', { cookie, body: validForum({ title: 'Foro nuevo', year: 2022, date: '2022-11-30' }) });
    const { id } = (await created.json()) as { id: number };
    await app.router.navigate(`/foros/${id}/metricas`);
    await screen.findByRole('heading', { level: 1, name: 'Métricas: Foro nuevo' });
    const user = userEvent.setup();
    expect(screen.queryByText('No se registraron cifras de esta captura.')).not.toBeInTheDocument();
    for (const name of ['Publicación', 'Resumen de la transmisión en vivo', 'Rendimiento desde la publicación']) {
      expect(within(section(name)).getByRole('switch', { name: /^Sin datos/ })).not.toBeChecked();
    }
    expect(screen.getByRole('button', { name: 'Guardar' })).toBeDisabled();
    await user.type(field(section('Publicación'), 'Reproducciones'), '120');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Métricas guardadas')).toBeInTheDocument();
    const saved = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(saved.version).toBe(1);
    expect(saved.postCard!.plays).toEqual({ value: 120, approximate: false });
    expect(saved.liveSummary).toBeNull();
    expect(saved.sincePublication).toBeNull();
  });

  it('cancelling the preview saves nothing', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('Importar CSV de Meta o YouTube'), new File([fixture('youtube-live-viewership.csv')], 'live.csv', { type: 'text/csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Vista previa de la importación' });
    expect(within(dialog).getByText('Es la única fila del archivo.')).toBeInTheDocument();
    expect(within(dialog).getByRole('row', { name: /Curva de espectadores en vivo 0 puntos 10 puntos/ })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect((await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`)).version).toBe(1);
  });

  it.each([
    ['bad-binary.csv', fixture('bad-binary.csv'), 'El archivo no es un CSV de texto (contiene bytes binarios). Exporte de nuevo en formato CSV.'],
    ['bad-unknown-headers.csv', fixture('bad-unknown-headers.csv'), /^bad-unknown-headers\.csv: No se reconocieron los encabezados/],
    ['vacio.csv', Buffer.from(''), 'vacio.csv: El archivo está vacío.'],
  ])('a bad file (%s) gets its Spanish message and saves nothing', async (name, content, message) => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('Importar CSV de Meta o YouTube'), new File([content], name, { type: 'text/csv' }));
    const alert = await screen.findByRole('alert', { name: 'No se pudo importar el archivo' });
    expect(within(alert).getByText(typeof message === 'string' && !message.startsWith(name) ? `${name}: ${message}` : message)).toBeInTheDocument();
    expect(within(alert).getByText('No se guardó nada.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect((await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`)).version).toBe(1);
  });

  it('refuses a file over 5 MB before reading it', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'grande.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('Importar CSV de Meta o YouTube'), big);
    const alert = await screen.findByRole('alert', { name: 'No se pudo importar el archivo' });
    expect(alert).toHaveTextContent('El archivo pesa más de 5 MB.');
    expect((await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`)).version).toBe(1);
  });
});

describe('metrics import: the preview is the import route’s dry run', () => {
  it('lists the first problems of a big file and counts the rest (problems are data, not text)', async () => {
    await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const lines = ['Title,Reach,3-second video views'];
    for (let i = 0; i < 300; i++) lines.push(`Video ${i},abc,${i}`);
    await user.upload(screen.getByLabelText('Importar CSV de Meta o YouTube'), new File([lines.join('\n')], 'grande.csv', { type: 'text/csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Vista previa de la importación' });
    const problems = within(dialog).getByText('Avisos del archivo').closest('[role="alert"], .mantine-Alert-root') as HTMLElement;
    expect(within(problems).getAllByRole('listitem')).toHaveLength(21);
    expect(within(problems).getByText('Y 280 problemas más.')).toBeInTheDocument();
    expect(within(dialog).getByText('Ninguna fila coincide con este foro por enlace, título o fecha. Elija la fila correcta.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Confirmar importación' })).toBeDisabled();
  });
  it('parses pasted two-column lines with their separators', async () => {
    // The messages come from the app's catalog: load it as the app does.
    await openMetrics('2022-06-22');
    const result = parsePastedSeries('2022-06-22;140\n22/06/2022 150\n23/06/2022\t7\n2022-06-24,9\nmañana 3', 'daily');
    expect(result.rows.map((r) => [r.key, r.value])).toEqual([
      ['2022-06-22', 150],
      ['2022-06-23', 7],
      ['2022-06-24', 9],
    ]);
    expect(result.errors).toEqual([{ line: 5, message: '«mañana» no es una fecha. Escriba AAAA-MM-DD (2022-06-22) o DD/MM/AAAA (22/06/2022).' }]);
  });
});

describe('metrics page: one presentation per kind of figure (issue 10, item 5)', () => {
  it('«Minutos reproducidos» reads as typed (10:27, 627,5, 1.700) and the form and the report statistics show the same text', async () => {
    const { app, id } = await openMetrics('2022-06-22');
    const user = userEvent.setup();
    const live = section('Resumen de la transmisión en vivo');
    const since = section('Rendimiento desde la publicación');
    expect(field(live, 'Minutos reproducidos')).toHaveValue('549 min 57 s');
    expect(field(since, 'Minutos reproducidos')).toHaveValue('627 min');

    const paste = async (text: string) => {
      const input = field(since, 'Minutos reproducidos');
      await user.clear(input);
      await user.click(input);
      await user.paste(text);
      await user.tab();
    };
    for (const [typed, shown] of [['10:27', '627 min'], ['627,5', '627 min 30 s'], ['«1.700»', '1.700 min']] as const) {
      await paste(typed);
      expect(field(since, 'Minutos reproducidos'), typed).toHaveValue(shown);
    }
    await paste('10 h 28 min');
    expect(field(since, 'Minutos reproducidos')).toHaveValue('628 min');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Métricas guardadas', undefined, { timeout: 5000 })).toBeInTheDocument();
    const saved = await apiGet<ForumMetricsRecord>(app, `/api/forums/${id}/metrics`);
    expect(saved.sincePublication?.totalWatchSeconds).toEqual({ value: 628 * 60, approximate: false });
    const formTexts = [field(live, 'Minutos reproducidos').value, field(since, 'Minutos reproducidos').value];

    const overview = await apiGet<{ sections: Array<{ id: number; kind: string }> }>(app, '/api/reports/2022');
    const statistics = overview.sections.find((s) => s.kind === 'statistics')!;
    await app.router.navigate(`/informes/2022/secciones/${statistics.id}`);
    const generated = await screen.findByRole('region', { name: 'Cifras generadas de las métricas' }, { timeout: 8000 });
    for (const text of formTexts) expect(within(generated).getAllByText(text).length, text).toBeGreaterThan(0);
    expect(generated.textContent).not.toContain('09:09:57');
  }, 120_000);
});
