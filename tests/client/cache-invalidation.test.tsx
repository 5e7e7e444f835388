import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { notifications } from '@mantine/notifications';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../support/render-app';

/**
 * The cache follows the server's coupling (src/client/lib/invalidation.ts): a write that the server carries into
 * the year's report (src/api/change.ts) refreshes the report already in the cache, so coming back to it shows
 * what the server did, without a reload.
 */

let server: SetupServerApi | undefined;
afterEach(() => {
  notifications.clean();
  server?.close();
  server = undefined;
});

type App = Awaited<ReturnType<typeof renderApp>>;

const slow = { timeout: 30_000 };
const rows = () => within(screen.getByRole('table', { name: 'Secciones del informe, en orden' })).getAllByRole('row').slice(1);
const statisticsRow = () => rows().find((row) => within(row).queryByRole('link', { name: 'Estadísticas de interacción ciudadana' }))!;

/** The 2022 report overview on screen (and so in the cache), every section approved. */
async function openReport() {
  await screen.findByRole('heading', { level: 1, name: 'Foros Virtuales de Participación 2022' }, slow);
  const total = rows().length;
  expect(screen.getByText(`${total} de ${total} aprobadas`)).toBeInTheDocument();
  expect(within(statisticsRow()).getByText('Aprobada')).toBeInTheDocument();
  return total;
}

async function firstForumId(app: App) {
  return (await app.api.db.selectFrom('forums').select('id').where('date', '=', '2022-06-22').executeTakeFirstOrThrow()).id;
}

/** The text box whose label starts with `label` inside `container`. */
function field(label: string, container: HTMLElement = document.body) {
  const pattern = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  const controls = within(container)
    .getAllByLabelText(pattern)
    .filter((element) => element.matches('input, textarea'));
  expect(controls).toHaveLength(1);
  return controls[0] as HTMLInputElement;
}

describe('the cache mirrors what the server changed', () => {
  it('after saving metrics, the report overview shows its statistics section back in review', async () => {
    const app = await renderApp('/informes/2022', { as: 'editora' });
    server = app.server;
    const user = userEvent.setup();
    const total = await openReport();

    await app.router.navigate(`/foros/${await firstForumId(app)}/metricas`);
    await screen.findByRole('heading', { level: 1, name: /^Métricas: Foro Virtual de Participación/ }, slow);
    const views1m = field('Reproducciones de video de 1 minuto', screen.getByRole('region', { name: 'Resumen de la transmisión en vivo' }));
    await user.clear(views1m);
    await user.type(views1m, '41');
    await user.tab();
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Métricas guardadas', {}, slow)).toBeInTheDocument();

    // Back to the report the cache already held: it shows the server's state, not the cached one.
    await app.router.navigate('/informes/2022');
    await waitFor(() => expect(within(statisticsRow()).getByText('En revisión')).toBeInTheDocument(), slow);
    expect(screen.getByText(`${total - 1} de ${total} aprobadas`)).toBeInTheDocument();
  });

  it('after renaming a forum, the report overview shows its statistics section back in review', async () => {
    const app = await renderApp('/informes/2022', { as: 'editora' });
    server = app.server;
    const user = userEvent.setup();
    const total = await openReport();

    await app.router.navigate(`/foros/${await firstForumId(app)}/editar`);
    await screen.findByRole('heading', { level: 1, name: /^Editar foro: / }, slow);
    const title = field('Título');
    await user.clear(title);
    await user.type(title, 'Políticas Públicas: título nuevo');
    await user.click(screen.getByRole('button', { name: 'Guardar' }));
    expect(await screen.findByText('Cambios guardados', {}, slow)).toBeInTheDocument();

    await app.router.navigate('/informes/2022');
    await waitFor(() => expect(within(statisticsRow()).getByText('En revisión')).toBeInTheDocument(), slow);
    expect(screen.getByText(`${total - 1} de ${total} aprobadas`)).toBeInTheDocument();
  });
});
