import { screen, within } from '@testing-library/react';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommitmentDetail } from '../../src/domain/commitment';
import { validForum } from '../support/api-assertions';
import { renderApp } from '../support/render-app';
import type { TestApi } from '../support/test-api';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
  vi.useRealTimers();
});

/**
 * The app opened by the editor at 11:00 UTC on 15 June 2026 (the browser's and the API's clock), organisation 1 in
 * `timeZone`, at the page `arrange` makes and returns.
 */
async function openAtTheInstant(timeZone: string, arrange: (api: TestApi, cookie: string) => Promise<string>) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-06-15T11:00:00Z'));
  const app = await renderApp(async (api) => arrange(api, await api.login('editora')), {
    as: 'editora',
    before: (api) => api.db.updateTable('organizations').set({ time_zone: timeZone }).where('id', '=', 1).execute().then(() => undefined),
  });
  server = app.server;
}

/**
 * The client's "today" is the organisation's (issue 15): at 11:00 UTC on 15 June 2026 it is already 16 June in
 * Kiritimati (UTC+14) and still 15 June in Bogotá. A follow-up's date starts on the organisation's today.
 */
async function followUpDateFor(timeZone: string) {
  await openAtTheInstant(timeZone, async (api, cookie) => {
    const forum = await api.db.selectFrom('forums').select('id').where('date', '=', '2022-06-22').executeTakeFirstOrThrow();
    const body = { forumId: forum.id, text: 'Publicar la ruta de empleo juvenil', area: 'Formación', person: '', dueDate: '2026-06-15', status: 'pending', cancelReason: '', progress: 0 };
    const made = (await (await api.call('POST', '/api/commitments', { cookie, body })).json()) as CommitmentDetail;
    return `/compromisos/${made.id}`;
  });
  expect(await screen.findByRole('heading', { name: /Publicar la ruta de empleo juvenil/, level: 1 })).toBeInTheDocument();
  return within(screen.getByRole('region', { name: 'Seguimiento' })).getByLabelText(/Fecha/);
}

describe('today on the client is the organisation’s', () => {
  it('in Kiritimati the follow-up form starts on 16 June, and the commitment due on the 15th is overdue', async () => {
    expect(await followUpDateFor('Pacific/Kiritimati')).toHaveValue('16/06/2026');
    expect(screen.getAllByText('Vencido').length).toBeGreaterThan(0);
  });

  it('in Bogotá, at the same instant, it starts on 15 June and the commitment is not overdue', async () => {
    expect(await followUpDateFor('America/Bogota')).toHaveValue('15/06/2026');
    expect(screen.queryByText('Vencido')).not.toBeInTheDocument();
  });
});

describe('times shown on the client are on the organisation’s clock', () => {
  /** A forum created at 11:00 UTC on 15 June 2026 (the API's clock), its page opened: the time its history shows. */
  async function historyTimeFor(timeZone: string) {
    await openAtTheInstant(timeZone, async (api, cookie) => {
      const res = await api.call('POST', '/api/forums', { cookie, body: validForum({ year: 2026, title: 'Foro del reloj', date: '2026-06-20', status: 'planned', questions: [] }) });
      expect(res.status).toBe(201);
      return `/foros/${((await res.json()) as { id: number }).id}`;
    });
    expect(await screen.findByRole('heading', { name: /Foro del reloj/, level: 1 })).toBeInTheDocument();
    const history = await screen.findByRole('region', { name: 'Historial' });
    return within(history).findByText(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}$/);
  }

  it('in Kiritimati (UTC+14) the forum’s creation shows 16/06/2026, 01:00', async () => {
    expect(await historyTimeFor('Pacific/Kiritimati')).toHaveTextContent('16/06/2026, 01:00');
  });

  it('in Bogotá, the same instant shows 15/06/2026, 06:00', async () => {
    expect(await historyTimeFor('America/Bogota')).toHaveTextContent('15/06/2026, 06:00');
  });
});

describe('a session whose organisation is deactivated', () => {
  it('lands on the login screen saying the organisation is deactivated', async () => {
    const app = await renderApp('/foros', { as: 'editora' });
    server = app.server;
    expect(await screen.findByRole('heading', { level: 1, name: /Foros/ })).toBeInTheDocument();
    await app.api.db.updateTable('organizations').set({ active: 0 }).where('id', '=', 1).execute();
    await app.queryClient.invalidateQueries();
    // The login screen, with the reason (not the generic «session ended»).
    expect(await screen.findByRole('button', { name: /Ingresar/ })).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toHaveTextContent('Su organización está desactivada. Consulte al administrador del sistema.');
  });
});
