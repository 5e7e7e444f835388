import { screen } from '@testing-library/react';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { validForum } from '../support/api-assertions';
import { renderApp } from '../support/render-app';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

describe('print view (item 14)', () => {
  it('shows a forum typed with NUL and a right-to-left override as plain text, without them', async () => {
    // The forum exists before the print view asks for the report: a first request still in flight when the forum was
    // made (a loaded machine) answered without it, and the view rightly kept that fresh answer.
    const app = await renderApp('/foros', { as: 'editora' });
    server = app.server;
    const cookie = await app.api.login('editora');
    const res = await app.api.call('POST', '/api/forums', {
      cookie,
      body: validForum({ title: 'Foro\u0000 de \u202Eprueba hostil', year: 2022, date: '2022-12-01' }),
    });
    expect(res.status).toBe(201);
    await app.router.navigate('/informes/2022/imprimir');
    expect((await screen.findAllByText(/Foro de prueba hostil/, undefined, { timeout: 30_000 })).length).toBeGreaterThan(0);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(document.body.textContent).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u202A-\u202E\u2066-\u2069]/);
  });
});
