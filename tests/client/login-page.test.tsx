import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SetupServerApi } from 'msw/node';
import { renderApp } from '../support/render-app';
import { testPassword } from '../support/test-api';

let server: SetupServerApi | undefined;
afterEach(() => server?.close());

describe('login page', () => {
  it('sends a logged-out person to the login, says why a wrong password fails, then logs in and returns', async () => {
    const app = await renderApp('/foros', { as: null });
    server = app.server;
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/login'));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Usuario/), 'editora');
    await user.type(screen.getByLabelText(/Contraseña/), 'equivocada');
    await user.click(screen.getByRole('button', { name: 'Ingresar' }));
    expect(await screen.findByText(/Usuario o contraseña incorrectos/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText(/Contraseña/));
    await user.type(screen.getByLabelText(/Contraseña/), testPassword);
    await user.click(screen.getByRole('button', { name: 'Ingresar' }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/foros'));
  });

  it('asks for both fields before calling the server', async () => {
    const app = await renderApp('/login', { as: null });
    server = app.server;
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ingresar' }));
    expect(await screen.findAllByText('Este campo es obligatorio.')).toHaveLength(2);
  });
});
