import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SetupServerApi } from 'msw/node';
import { renderApp } from '../support/render-app';
import { testPassword } from '../support/test-api';
import { logoMaxBytes, logoMessages } from '../../src/domain/organization-logo';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/** A real 1×1 PNG. */
const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (ch) => ch.charCodeAt(0));
const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';

const logoSection = () => screen.findByRole('region', { name: 'Logo' });
const fileInput = (section: HTMLElement) => within(section).getByLabelText(/^(Archivo del logo|Reemplazar el logo)/) as HTMLInputElement;

describe('the organisation logo control', () => {
  it('«Organizaciones» → edit: a refused SVG says why; a PNG is uploaded, previewed and shown in the header; removing asks first', async () => {
    const app = await renderApp('/organizaciones/1', { as: 'admin' });
    server = app.server;
    const user = userEvent.setup({ applyAccept: false });
    const section = await logoSection();
    expect(within(section).getByText('Esta organización no tiene logo todavía.')).toBeInTheDocument();
    expect(screen.queryByTestId('organization-logo')).not.toBeInTheDocument();

    // Named .png, declared image/png: its content decides (an SVG, refused before it is sent).
    await user.upload(fileInput(section), new File([svg], 'logo.png', { type: 'image/png' }));
    expect(await within(section).findByText(logoMessages.svg)).toBeInTheDocument();
    expect(fileInput(section)).toHaveAttribute('aria-invalid', 'true');
    expect((await app.api.db.selectFrom('organization_logos').selectAll().execute()).length).toBe(0);

    await user.upload(fileInput(section), new File([png], 'escudo.png', { type: 'image/png' }));
    expect(await screen.findByText('Logo guardado.')).toBeInTheDocument();
    expect(within(section).queryByText(logoMessages.svg)).not.toBeInTheDocument();
    const name = (await app.api.db.selectFrom('organizations').select('name').where('id', '=', 1).executeTakeFirstOrThrow()).name;
    const preview = await within(section).findByRole('img', { name });
    expect(preview.getAttribute('src')).toMatch(/^\/api\/public\/o\/idipron\/logo\?v=[0-9a-f]{64}$/);
    // The header (the system administrator belongs to this organisation) shows it next to the name.
    const header = await screen.findByTestId('organization-logo');
    expect(header).toHaveAttribute('alt', name);
    expect(header.getAttribute('src')).toBe(preview.getAttribute('src'));

    await user.click(within(section).getByRole('button', { name: 'Quitar logo' }));
    const dialog = await screen.findByRole('dialog', { name: /¿Quitar el logo de/ });
    await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(within(section).getByRole('img', { name })).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Quitar logo' }));
    await user.click(within(await screen.findByRole('dialog', { name: /¿Quitar el logo de/ })).getByRole('button', { name: 'Quitar logo' }));
    expect(await within(section).findByText('Esta organización no tiene logo todavía.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('organization-logo')).not.toBeInTheDocument());
    expect((await app.api.db.selectFrom('organization_logos').selectAll().execute()).length).toBe(0);
  });

  it('«Ajustes»: an organisation’s administrator uploads its own; an image over 256 KB is refused with the reason', async () => {
    const app = await renderApp('/ajustes', {
      as: 'jefa.uno',
      before: async (api) => {
        const res = await api.call('POST', '/api/users', { cookie: await api.login('admin'), body: { username: 'jefa.uno', displayName: 'Jefa uno', role: 'admin', password: testPassword } });
        expect(res.status).toBe(201);
      },
    });
    server = app.server;
    const user = userEvent.setup({ applyAccept: false });
    const section = await logoSection();
    await user.upload(fileInput(section), new File([png, new Uint8Array(logoMaxBytes)], 'grande.png', { type: 'image/png' }));
    expect(await within(section).findByText(logoMessages.tooLarge)).toBeInTheDocument();

    await user.upload(fileInput(section), new File([png], 'escudo.png', { type: 'image/png' }));
    expect(await screen.findByText('Logo guardado.')).toBeInTheDocument();
    expect(await screen.findByTestId('organization-logo')).toBeInTheDocument();
    const stored = await app.api.db.selectFrom('organization_logos').select(['media_type', 'size']).execute();
    expect(stored.map((r) => ({ ...r, size: Number(r.size) }))).toEqual([{ media_type: 'image/png', size: png.length }]);
  });
});
