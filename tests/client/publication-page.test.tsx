import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SetupServerApi } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublicationState } from '../../src/domain/publication';
import { apiAs, renderApp } from '../support/render-app';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

const slow = { timeout: 30_000 };

describe('«Publicación» screen', () => {
  it('shows the published version with its SHA-256 and the preview link; a bad colour is refused at its field; a save and a new version land', async () => {
    const app = await renderApp('/publicacion/2022');
    server = app.server;
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'Publicación 2022' }, slow)).toBeInTheDocument();
    const before = await apiAs<PublicationState>(app, 'admin', 'GET', '/api/publication/2022');
    const versions = screen.getByRole('table', { name: 'Versiones publicadas del informe' });
    expect(within(versions).getByText(before.published[0].sha256)).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Ver la página pública' })[0]).toHaveAttribute('href', '/participa/2022');
    expect(screen.getByRole('checkbox', { name: 'Preguntas y respuestas' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Compromisos y su avance' })).toBeEnabled();
    expect(screen.getByText(/<iframe src="http:\/\/localhost(:\d+)?\/participa\/2022"/)).toBeInTheDocument();

    // A colour that does not read on white: the domain's message at the field, nothing sent.
    const colour = screen.getByRole('textbox', { name: /Color principal/ });
    await user.clear(colour);
    await user.type(colour, '#FFFF00');
    await user.click(screen.getByRole('checkbox', { name: 'Datos abiertos' }));
    await user.click(screen.getByRole('button', { name: 'Guardar la publicación' }));
    expect(await screen.findByText('Este color no se lee bien sobre blanco: elija uno más oscuro (contraste mínimo 4,5:1, WCAG AA).')).toBeInTheDocument();
    expect((await apiAs<PublicationState>(app, 'admin', 'GET', '/api/publication/2022')).version).toBe(before.version);

    await user.clear(colour);
    await user.type(colour, '#8A1538');
    await user.click(screen.getByRole('button', { name: 'Guardar la publicación' }));
    expect(await screen.findByText('Publicación guardada.', {}, slow)).toBeInTheDocument();
    const saved = await apiAs<PublicationState>(app, 'admin', 'GET', '/api/publication/2022');
    expect(saved.settings.primaryColour).toBe('#8A1538');
    expect(saved.settings.show.openData).toBe(false);

    // A new version only after confirming.
    await user.click(screen.getByRole('button', { name: 'Publicar una nueva versión' }));
    const dialog = await screen.findByRole('dialog', { name: '¿Publicar el informe?' });
    await user.click(within(dialog).getByRole('button', { name: 'Publicar' }));
    expect(await screen.findByText('Versión 2 publicada.', {}, slow)).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Versiones publicadas del informe' })).getAllByRole('row')).toHaveLength(3));
  }, 60_000);

  it('a year whose report is not approved cannot be published, and says why', async () => {
    const app = await renderApp('/publicacion/2031');
    server = app.server;
    expect(await screen.findByRole('heading', { level: 1, name: 'Publicación 2031' }, slow)).toBeInTheDocument();
    expect(screen.getByText('Esta vigencia no tiene informe: créelo y apruébelo antes de publicarlo.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Publicar el informe aprobado' })).toBeDisabled();
    expect(screen.getByText('Aún no se ha publicado ninguna versión del informe.')).toBeInTheDocument();
  });

  it('a reviewer does not see it', async () => {
    const app = await renderApp('/publicacion/2022', { as: 'revisor' });
    server = app.server;
    expect(await screen.findByRole('heading', { level: 1 }, slow)).not.toHaveTextContent('Publicación 2022');
    expect(screen.queryByRole('link', { name: 'Publicación' })).not.toBeInTheDocument();
  });
});
