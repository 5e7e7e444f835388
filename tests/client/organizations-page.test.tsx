import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SetupServerApi } from 'msw/node';
import { apiAs, renderApp, type RenderedApp } from '../support/render-app';
import type { Organization } from '../../src/domain/organization-admin';
import { logoMessages } from '../../src/domain/organization-logo';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

const password = 'Caracola-Verde-Tinaja-83';

async function open(path: string, as: 'admin' | 'editora' = 'admin') {
  const app = await renderApp(path, { as });
  server = app.server;
  return { app, user: userEvent.setup() };
}

const table = () => screen.findByRole('table', { name: 'Organizaciones de la instalación' });
const organizations = (app: RenderedApp) => apiAs<{ items: Organization[] }>(app, 'admin', 'GET', '/api/organizations').then((r) => r.items);

/** The row whose row header is exactly this name. */
async function rowOf(name: string) {
  const header = await within(await table()).findByRole('rowheader', { name: new RegExp(`^${name}`) });
  return header.closest('tr')!;
}

async function fillNew(user: ReturnType<typeof userEvent.setup>, values: { name: string; acronym?: string; slug: string; username: string; displayName: string; password: string }) {
  const form = await screen.findByRole('form', { name: 'Datos de la organización' });
  await user.type(within(form).getByLabelText(/^Nombre de la entidad/), values.name);
  if (values.acronym) await user.type(within(form).getByLabelText(/^Sigla/), values.acronym);
  await user.clear(within(form).getByLabelText(/^Dirección pública/));
  await user.type(within(form).getByLabelText(/^Dirección pública/), values.slug);
  await user.type(within(form).getByLabelText(/^Usuario/), values.username);
  await user.type(within(form).getByLabelText(/^Nombre para mostrar/), values.displayName);
  await user.type(within(form).getByLabelText(/^Contraseña/, { selector: 'input' }), values.password);
  return form;
}

describe('«Organizaciones» (/organizaciones), the system administrator’s', () => {
  it('is in the navigation of the system administrator, and lists the organisation with its accounts, forums and state', async () => {
    await open('/organizaciones');
    const row = await rowOf('Instituto Distrital');
    const nav = screen.getByRole('navigation', { name: 'Navegación principal' });
    expect(within(nav).getByRole('link', { name: 'Organizaciones' })).toBeInTheDocument();
    expect(row).toHaveTextContent('(la suya)');
    const cells = within(row).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells).toEqual(['IDIPRON', 'idipron', '3', '3', 'Activa', 'Editar']);
  });

  it('names the person’s organisation in the header, for every role', async () => {
    await open('/inicio', 'editora');
    expect(await screen.findByTestId('current-organization')).toHaveTextContent(/^Instituto Distrital .* \(IDIPRON\)$/);
    expect(within(screen.getByRole('navigation', { name: 'Navegación principal' })).queryByRole('link', { name: 'Organizaciones' })).not.toBeInTheDocument();
  });

  it('an editor who opens /organizaciones sees the forbidden message and no list', async () => {
    await open('/organizaciones', 'editora');
    expect(await screen.findByRole('heading', { level: 1, name: /permiso/i })).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Organizaciones de la instalación' })).not.toBeInTheDocument();
  });

  it('creates an organisation with its first administrator, who can then log in', async () => {
    const { app, user } = await open('/organizaciones');
    await table();
    await user.click(screen.getByRole('link', { name: 'Nueva organización' }));
    await screen.findByRole('heading', { level: 1, name: 'Nueva organización' });
    const form = await fillNew(user, { name: 'Secretaría de Integración Social', acronym: 'SDIS', slug: 'sdis', username: 'jefa.sdis', displayName: 'Jefa SDIS', password });
    await user.click(within(form).getByRole('button', { name: 'Guardar' }));

    const row = await waitFor(() => rowOf('Secretaría de Integración Social'));
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['SDIS', 'sdis', '1', '0', 'Activa', 'Editar']);
    expect(await screen.findByText('Organización Secretaría de Integración Social creada')).toBeInTheDocument();
    await expect(app.api.login('jefa.sdis', password)).resolves.toMatch(/=/);
  });

  it('a logo chosen on the new-organisation form is checked at once and saved with the organisation', async () => {
    const { app, user } = await open('/organizaciones/nueva');
    const form = await screen.findByRole('form', { name: 'Datos de la organización' });
    const section = within(form).getByRole('region', { name: 'Logo (opcional)' });
    const input = () => within(section).getByLabelText(/^Archivo del logo/) as HTMLInputElement;
    const pick = userEvent.setup({ applyAccept: false });
    // Its content decides: an SVG named .png is refused before anything is sent.
    await pick.upload(input(), new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.png', { type: 'image/png' }));
    expect(await within(section).findByText(logoMessages.svg)).toBeInTheDocument();
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (ch) => ch.charCodeAt(0));
    await pick.upload(input(), new File([png], 'escudo.png', { type: 'image/png' }));
    expect(await within(section).findByText('Logo elegido: escudo.png')).toBeInTheDocument();
    expect(within(section).getByRole('img', { name: 'Vista previa del logo elegido' })).toBeInTheDocument();
    expect(within(section).queryByText(logoMessages.svg)).not.toBeInTheDocument();
    expect((await app.api.db.selectFrom('organization_logos').selectAll().execute()).length).toBe(0);

    await fillNew(user, { name: 'Secretaría de Cultura', acronym: 'SCRD', slug: 'scrd', username: 'jefa.scrd', displayName: 'Jefa SCRD', password });
    await user.click(within(form).getByRole('button', { name: 'Guardar' }));
    await waitFor(() => rowOf('Secretaría de Cultura'));
    const created = await app.api.db.selectFrom('organizations').select(['id', 'logo']).where('slug', '=', 'scrd').executeTakeFirstOrThrow();
    expect(created.logo).toMatch(/^[0-9a-f]{64}$/);
    const stored = await app.api.db.selectFrom('organization_logos').select(['organization_id', 'size']).execute();
    expect(stored.map((r) => ({ organization: Number(r.organization_id), size: Number(r.size) }))).toEqual([{ organization: Number(created.id), size: png.length }]);
  });

  it('says what is wrong at each field before sending, and a taken address comes back at its field', async () => {
    const { app, user } = await open('/organizaciones/nueva');
    const form = await screen.findByRole('form', { name: 'Datos de la organización' });
    await user.click(within(form).getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(within(form).getByLabelText(/^Nombre de la entidad/)).toHaveAccessibleDescription(/Este campo es obligatorio\./));
    expect(within(form).getByLabelText(/^Dirección pública/)).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByText(/campos por corregir/)).toBeInTheDocument();

    await user.type(within(form).getByLabelText(/^Dirección pública/), '2026');
    await waitFor(() => expect(within(form).getByLabelText(/^Dirección pública/)).toHaveAccessibleDescription(/no puede ser solo números/));

    await user.clear(within(form).getByLabelText(/^Dirección pública/));
    await fillNew(user, { name: 'Otra entidad', slug: 'idipron', username: 'jefe.otro', displayName: 'Jefe', password });
    await user.click(within(form).getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(within(form).getByLabelText(/^Dirección pública/)).toHaveAccessibleDescription(/Ya existe una organización con esa dirección pública\./));
    expect(await organizations(app)).toHaveLength(1);
    await expect(app.api.login('jefe.otro', password)).rejects.toThrow(/failed/);
  });

  it('proposes the public address from the name until the person writes their own', async () => {
    const { user } = await open('/organizaciones/nueva');
    const form = await screen.findByRole('form', { name: 'Datos de la organización' });
    await user.type(within(form).getByLabelText(/^Nombre de la entidad/), 'Secretaría de Educación del Distrito');
    expect(within(form).getByLabelText(/^Dirección pública/)).toHaveValue('secretaria-de-educacion-del-distrito');
    await user.clear(within(form).getByLabelText(/^Dirección pública/));
    await user.type(within(form).getByLabelText(/^Dirección pública/), 'sed');
    await user.type(within(form).getByLabelText(/^Nombre de la entidad/), ' (SED)');
    expect(within(form).getByLabelText(/^Dirección pública/)).toHaveValue('sed');
  });

  it('a weak password for the first administrator is refused at its field, before anything is sent', async () => {
    const { app, user } = await open('/organizaciones/nueva');
    const form = await fillNew(user, { name: 'Entidad', slug: 'entidad', username: 'jefe.entidad', displayName: 'Jefe', password: '123456789012' });
    await user.click(within(form).getByRole('button', { name: 'Guardar' }));
    await waitFor(() => expect(within(form).getByLabelText(/^Contraseña/, { selector: 'input' })).toHaveAccessibleDescription(/fácil de adivinar/));
    expect(await organizations(app)).toHaveLength(1);
  });

  it('edits an organisation with its version; leaving with unsaved changes asks first', async () => {
    const { app, user } = await open('/organizaciones/1');
    const form = await screen.findByRole('form', { name: 'Datos de la organización' });
    const name = within(form).getByLabelText(/^Nombre de la entidad/);
    await user.clear(name);
    await user.type(name, 'IDIPRON renombrado');
    // Leaving: asked first; staying keeps the typing.
    await user.click(within(screen.getByRole('navigation', { name: 'Navegación principal' })).getByRole('link', { name: 'Foros' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cambios sin guardar' });
    await user.click(within(dialog).getByRole('button', { name: 'Seguir editando' }));
    expect(within(form).getByLabelText(/^Nombre de la entidad/)).toHaveValue('IDIPRON renombrado');

    await user.click(within(form).getByRole('button', { name: 'Guardar' }));
    await waitFor(async () => expect(await rowOf('IDIPRON renombrado')).toBeInTheDocument());
    expect((await organizations(app))[0]).toMatchObject({ name: 'IDIPRON renombrado', version: 2 });
  });

  it('a save over a newer version shows who won and offers to load it', async () => {
    const { app, user } = await open('/organizaciones/1');
    const form = await screen.findByRole('form', { name: 'Datos de la organización' });
    await apiAs(app, 'admin', 'PUT', '/api/organizations/1', { name: 'Guardado por otra pestaña', acronym: 'IDIPRON', slug: 'idipron', version: 1 });
    await user.type(within(form).getByLabelText(/^Sigla/), 'X');
    await user.click(within(form).getByRole('button', { name: 'Guardar' }));
    const alert = await screen.findByRole('alert', { name: /Otra persona guardó esta organización/ });
    expect(alert).toHaveTextContent('La versión guardada ahora es la 2');
    await user.click(within(alert).getByRole('button', { name: 'Cargar la versión guardada' }));
    await user.click(await screen.findByRole('button', { name: 'Descartar y cargar' }));
    await waitFor(() => expect(within(form).getByLabelText(/^Nombre de la entidad/)).toHaveValue('Guardado por otra pestaña'));
  });

  it('deactivating asks first; cancelling sends nothing', async () => {
    const { app, user } = await open('/organizaciones/nueva');
    const form = await fillNew(user, { name: 'Entidad pasajera', slug: 'pasajera', username: 'jefe.pasajera', displayName: 'Jefe', password });
    await user.click(within(form).getByRole('button', { name: 'Guardar' }));
    await user.click(await screen.findByRole('link', { name: 'Editar la organización Entidad pasajera' }));
    const edit = await screen.findByRole('form', { name: 'Datos de la organización' });
    await user.click(within(edit).getByRole('switch', { name: /Organización activa/ }));
    await user.click(within(edit).getByRole('button', { name: 'Guardar' }));
    const confirm = await screen.findByRole('dialog', { name: '¿Desactivar Entidad pasajera?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancelar' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Desactivar/ })).not.toBeInTheDocument());
    expect((await organizations(app)).find((o) => o.slug === 'pasajera')).toMatchObject({ active: true });

    await user.click(within(edit).getByRole('button', { name: 'Guardar' }));
    await user.click(within(await screen.findByRole('dialog', { name: '¿Desactivar Entidad pasajera?' })).getByRole('button', { name: 'Desactivar y guardar' }));
    await waitFor(async () => expect(within(await rowOf('Entidad pasajera')).getByText('Desactivada')).toBeInTheDocument());
    await expect(app.api.login('jefe.pasajera', password)).rejects.toThrow(/failed/);
  });
});
