import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../support/render-app';

let server: SetupServerApi | undefined;
const { createObjectURL, revokeObjectURL } = URL;
afterEach(() => {
  server?.close();
  server = undefined;
  vi.restoreAllMocks();
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
});

describe('open-data downloads on the print view (issue 13)', () => {
  it('offers the commitments and evaluations files and downloads them under their open-data names', async () => {
    const app = await renderApp('/informes/2022/imprimir', { as: 'revisor' });
    server = app.server;
    const blobs: Blob[] = [];
    const names: string[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:descarga';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Compromisos (CSV)' }, { timeout: 30_000 }));
    await waitFor(() => expect(names).toEqual(['commitments-2022.csv']));
    expect(await blobs[0].text()).toContain('commitment_id;forum_id;forum_title');
    await user.click(screen.getByRole('button', { name: 'Evaluación de los foros (CSV)' }));
    await waitFor(() => expect(names).toEqual(['commitments-2022.csv', 'evaluations-2022.csv']));
  });
});
