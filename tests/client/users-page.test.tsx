import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SetupServerApi } from 'msw/node';
import { renderApp } from '../support/render-app';
import { testPassword } from '../support/test-api';
import type { User } from '../../src/domain/user';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

async function openAccounts(as: 'admin' | 'editora' = 'admin') {
  const app = await renderApp('/cuentas', { as });
  server = app.server;
  return { app, user: userEvent.setup() };
}

const table = () => screen.findByRole('table', { name: 'Cuentas de acceso' });

/** The table row whose first cell is exactly this username. */
async function rowOf(username: string) {
  const rows = within(await table()).getAllByRole('row');
  const row = rows.find((r) => r.getAttribute('data-username') === username);
  if (!row) throw new Error(`no row for ${username}`);
  return row;
}

async function accountsInDb(app: Awaited<ReturnType<typeof renderApp>>): Promise<User[]> {
  const cookie = await app.api.login('admin');
  const res = await app.api.call('GET', '/api/users', { cookie });
  return ((await res.json()) as { items: User[] }).items;
}

async function openCreateDialog(user: ReturnType<typeof userEvent.setup>) {
  await table();
  await user.click(screen.getByRole('button', { name: 'Nueva cuenta' }));
  return screen.findByRole('dialog', { name: 'Nueva cuenta' });
}

describe('accounts page (/cuentas)', () => {
  it('lists admin, editora and revisor with Spanish roles, status in words and the admin marked as (usted)', async () => {
    await openAccounts();
    const admin = await rowOf('admin');
    expect(admin).toHaveTextContent('(usted)');
    expect(within(admin).getAllByRole('cell')[1]).toHaveTextContent(/^Administración del sistema$/);
    const editora = await rowOf('editora');
    expect(editora).toHaveTextContent('Editora de demostración');
    expect(within(editora).getAllByRole('cell')[1]).toHaveTextContent(/^Edición$/);
    expect(within(editora).getByText('Activa')).toBeInTheDocument();
    expect(editora).not.toHaveTextContent('(usted)');
    const revisor = await rowOf('revisor');
    expect(within(revisor).getAllByRole('cell')[1]).toHaveTextContent(/^Revisión$/);
    const year = String(new Date().getUTCFullYear());
    expect(within(revisor).getAllByRole('cell')[3]).toHaveTextContent(year);
  });

  it('a too-short password is refused at the field and nothing is created', async () => {
    const { app, user } = await openAccounts();
    const dialog = await openCreateDialog(user);
    await user.type(within(dialog).getByLabelText(/^Usuario/), 'corta');
    await user.type(within(dialog).getByLabelText(/^Nombre para mostrar/), 'Clave corta');
    await user.type(within(dialog).getByLabelText(/^Contraseña/, { selector: 'input' }), 'abc');
    await user.click(within(dialog).getByRole('button', { name: 'Crear cuenta' }));
    const field = within(dialog).getByLabelText(/^Contraseña/, { selector: 'input' });
    await waitFor(() => expect(field).toHaveAccessibleDescription(/La contraseña debe tener entre 12 y 200 caracteres\./));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('dialog', { name: 'Nueva cuenta' })).toBeInTheDocument();
    expect((await accountsInDb(app)).map((u) => u.username)).toEqual(['admin', 'editora', 'revisor']);
    expect(within(await table()).queryByText('corta')).not.toBeInTheDocument();
  });

  it('a long but guessable password is refused at the field with the reason, and nothing is created', async () => {
    const { app, user } = await openAccounts();
    const dialog = await openCreateDialog(user);
    await user.type(within(dialog).getByLabelText(/^Usuario/), 'adivinable');
    await user.type(within(dialog).getByLabelText(/^Nombre para mostrar/), 'Clave adivinable');
    await user.type(within(dialog).getByLabelText(/^Contraseña/, { selector: 'input' }), '123456789012');
    await user.click(within(dialog).getByRole('button', { name: 'Crear cuenta' }));
    const field = within(dialog).getByLabelText(/^Contraseña/, { selector: 'input' });
    await waitFor(() => expect(field).toHaveAccessibleDescription(/La contraseña es fácil de adivinar: es una contraseña común\./));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect((await accountsInDb(app)).map((u) => u.username)).toEqual(['admin', 'editora', 'revisor']);
  });

  it('creates a reviewer with a generated password: the row appears and the person can log in with it', async () => {
    const { app, user } = await openAccounts();
    const dialog = await openCreateDialog(user);
    await user.type(within(dialog).getByLabelText(/^Usuario/), 'nueva.revisora');
    await user.type(within(dialog).getByLabelText(/^Nombre para mostrar/), 'Nueva Revisora');
    await user.click(within(dialog).getByRole('textbox', { name: /^Rol/ }));
    await user.click(await screen.findByRole('option', { name: 'Revisión', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Generar contraseña' }));
    const password = (within(dialog).getByLabelText(/^Contraseña/, { selector: 'input' }) as HTMLInputElement).value;
    expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    // Shown in clear, so the administrator can pass it on.
    expect(within(dialog).getByRole('status')).toHaveTextContent(password);
    await user.click(within(dialog).getByRole('button', { name: 'Crear cuenta' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Nueva cuenta' })).not.toBeInTheDocument());
    const row = await waitFor(() => rowOf('nueva.revisora'));
    expect(row).toHaveTextContent('Nueva Revisora');
    expect(within(row).getByText('Revisión')).toBeInTheDocument();
    expect(await screen.findByText('Cuenta nueva.revisora creada')).toBeInTheDocument();
    await expect(app.api.login('nueva.revisora', password)).resolves.toMatch(/=/);
    expect((await accountsInDb(app)).find((u) => u.username === 'nueva.revisora')).toMatchObject({ role: 'reviewer', active: true });
  });

  it('a duplicate username is reported at the username field', async () => {
    const { app, user } = await openAccounts();
    const dialog = await openCreateDialog(user);
    await user.type(within(dialog).getByLabelText(/^Usuario/), 'editora');
    await user.type(within(dialog).getByLabelText(/^Nombre para mostrar/), 'Otra editora');
    await user.type(within(dialog).getByLabelText(/^Contraseña/, { selector: 'input' }), 'una-clave-bien-larga');
    await user.click(within(dialog).getByRole('button', { name: 'Crear cuenta' }));
    const field = within(dialog).getByLabelText(/^Usuario/);
    await waitFor(() => expect(field).toHaveAccessibleDescription(/Ya existe una cuenta con ese nombre de usuario\./));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect((await accountsInDb(app)).filter((u) => u.username === 'editora')).toHaveLength(1);
  });

  it('deactivating editora (after confirming) marks her inactive and she can no longer log in', async () => {
    const { app, user } = await openAccounts();
    await user.click(within(await rowOf('editora')).getByRole('button', { name: 'Desactivar la cuenta editora' }));
    const dialog = await screen.findByRole('dialog', { name: '¿Desactivar la cuenta editora?' });
    expect(dialog).toHaveTextContent('no podrá iniciar sesión');
    await user.click(within(dialog).getByRole('button', { name: 'Desactivar' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(async () => expect(within(await rowOf('editora')).getByText('Desactivada')).toBeInTheDocument());
    expect(within(await rowOf('editora')).getByRole('button', { name: 'Reactivar la cuenta editora' })).toBeInTheDocument();
    await expect(app.api.login('editora')).rejects.toThrow(/failed/);
    await expect(app.api.login('revisor')).resolves.toMatch(/=/);
  });

  it('refuses to deactivate the last active administrator, with the reason in an alert', async () => {
    const { app, user } = await openAccounts();
    await user.click(within(await rowOf('admin')).getByRole('button', { name: 'Desactivar la cuenta admin' }));
    const dialog = await screen.findByRole('dialog', { name: '¿Desactivar la cuenta admin?' });
    expect(dialog).toHaveTextContent('Es su propia cuenta');
    await user.click(within(dialog).getByRole('button', { name: 'Desactivar' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Debe quedar al menos una cuenta de administración activa.');
    expect((await accountsInDb(app)).find((u) => u.username === 'admin')).toMatchObject({ active: true });
  });

  it('changes a role after showing what will happen', async () => {
    const { app, user } = await openAccounts();
    await user.click(within(await rowOf('revisor')).getByRole('button', { name: 'Cambiar rol de revisor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cambiar rol de revisor' });
    await user.click(within(dialog).getByRole('textbox', { name: /^Rol nuevo/ }));
    await user.click(await screen.findByRole('option', { name: 'Edición', hidden: true }));
    expect(dialog).toHaveTextContent('La cuenta revisor pasará de Revisión a Edición.');
    await user.click(within(dialog).getByRole('button', { name: 'Cambiar rol' }));
    await waitFor(async () => expect(within(await rowOf('revisor')).getByText('Edición')).toBeInTheDocument());
    expect((await accountsInDb(app)).find((u) => u.username === 'revisor')).toMatchObject({ role: 'editor' });
  });

  it('resets a password: the old one stops working, the new one works, and the notice says to pass it on securely', async () => {
    const { app, user } = await openAccounts();
    await user.click(within(await rowOf('editora')).getByRole('button', { name: 'Restablecer la contraseña de editora' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restablecer la contraseña de editora' });
    await user.click(within(dialog).getByRole('button', { name: 'Generar contraseña' }));
    const password = (within(dialog).getByLabelText(/^Contraseña nueva/, { selector: 'input' }) as HTMLInputElement).value;
    await user.click(within(dialog).getByRole('button', { name: 'Restablecer' }));
    expect(await screen.findByText('Contraseña de editora restablecida')).toBeInTheDocument();
    expect(screen.getByText(/Entregue la nueva contraseña a Editora de demostración por un canal seguro/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await expect(app.api.login('editora', testPassword)).rejects.toThrow(/failed/);
    await expect(app.api.login('editora', password)).resolves.toMatch(/=/);
  });

  it('an editor opening /cuentas sees the forbidden message and no accounts table', async () => {
    await openAccounts('editora');
    expect(await screen.findByRole('heading', { level: 1, name: 'Su rol no tiene permiso para ver esta página.' })).toBeInTheDocument();
    expect(screen.getByText(/pida a quien administra las cuentas/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ir al inicio' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText('revisor')).not.toBeInTheDocument();
  });

  it('an organisation admin is offered no sysadmin role and cannot act on the sysadmin’s account', async () => {
    const app = await renderApp('/cuentas', {
      as: 'jefa',
      before: async (api) => {
        const cookie = await api.login('admin');
        const res = await api.call('POST', '/api/users', { cookie, body: { username: 'jefa', displayName: 'Jefa de la oficina', role: 'admin', password: testPassword } });
        expect(res.status).toBe(201);
      },
    });
    server = app.server;
    const user = userEvent.setup();
    const sysadmin = await rowOf('admin');
    expect(within(sysadmin).queryByRole('button')).not.toBeInTheDocument();
    expect(sysadmin).toHaveTextContent('Solo la administración del sistema cambia esta cuenta.');
    await user.click(within(await rowOf('editora')).getByRole('button', { name: 'Cambiar rol de editora' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cambiar rol de editora' });
    await user.click(within(dialog).getByRole('textbox', { name: /^Rol nuevo/ }));
    const options = (await screen.findAllByRole('option', { hidden: true })).map((option) => option.textContent);
    expect(options).toEqual(['Administración', 'Edición', 'Revisión']);
  });
});
