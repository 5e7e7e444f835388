import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type { SetupServerApi } from 'msw/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autosaveTiming } from '../../src/client/features/reports/section-autosave';
import type { ReportOverview, ReportSection } from '../../src/domain/report';
import { docFromParagraphs, docToPlainText } from '../../src/domain/rich-text';
import '../support/prosemirror-jsdom';
import { apiAs, renderApp, type RenderedApp } from '../support/render-app';

let server: SetupServerApi | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});
beforeEach(() => {
  window.localStorage.clear();
  autosaveTiming.debounceMs = 150;
  autosaveTiming.retryBaseMs = 400;
});

type App = RenderedApp;

/** A free section of the 2022 report, created by the admin. */
const createFree = (app: App, title: string) => apiAs<ReportSection>(app, 'admin', 'POST', '/api/reports/2022/sections', { title, kind: 'free' });
const getSection = (app: App, id: number) => apiAs<ReportSection>(app, 'admin', 'GET', `/api/reports/2022/sections/${id}`);
const sectionPut = /\/api\/reports\/2022\/sections\/\d+$/;
const slow = { timeout: 30_000 };
const draftKey = (id: number) => `foros.informe.2022.seccion.${id}.borrador`;

async function openSection(app: App, id: number, title: string) {
  await app.router.navigate(`/informes/2022/secciones/${id}`);
  // The editor is a lazy chunk (Tiptap): the first import can take a while on a busy machine.
  return screen.findByRole('textbox', { name: `Texto de «${title}»` }, { timeout: 30_000 });
}

describe('report section: autosave', () => {
  it('says «sin conexión» while the network fails, keeps the text in this browser, and saves it when the network returns', async () => {
    const app = await renderApp('/informes');
    server = app.server;
    const user = userEvent.setup();
    const created = await createFree(app, 'Anexo sin red');
    const editor = await openSection(app, created.id, 'Anexo sin red');

    let puts = 0;
    app.server.use(
      http.put(sectionPut, () => {
        puts += 1;
        return HttpResponse.error();
      }),
    );
    await user.click(editor);
    await user.type(editor, 'Texto escrito sin conexión');

    expect(await screen.findByText(/^Sin conexión: sus cambios están guardados en este equipo/, {}, slow)).toBeInTheDocument();
    // On a busy machine the first failed save can come mid-typing: wait for the whole text in this browser.
    await waitFor(() => expect(window.localStorage.getItem(draftKey(created.id))).toContain('Texto escrito sin conexión'), slow);
    expect((await getSection(app, created.id)).version).toBe(1);
    // It keeps trying with backoff.
    await waitFor(() => expect(puts).toBeGreaterThanOrEqual(2), { timeout: 30_000 });
    expect(screen.getByText(/^Sin conexión/)).toBeInTheDocument();

    // The network comes back.
    app.server.resetHandlers();
    window.dispatchEvent(new Event('online'));
    expect(await screen.findByText(/^Guardado a las \d{2}:\d{2}$/, {}, slow)).toBeInTheDocument();
    const saved = await getSection(app, created.id);
    expect(docToPlainText(saved.content)).toBe('Texto escrito sin conexión');
    expect(saved).toMatchObject({ version: 2, lastEditedBy: 'editora' });
    expect(window.localStorage.getItem(draftKey(created.id))).toBeNull();
  });

  it('keeps what was typed across leaving the page (unmount) and offers it back: «Recuperar mi borrador» saves it', async () => {
    const app = await renderApp('/informes');
    server = app.server;
    const user = userEvent.setup();
    const created = await createFree(app, 'Anexo recuperable');
    const editor = await openSection(app, created.id, 'Anexo recuperable');

    app.server.use(http.put(sectionPut, () => HttpResponse.error()));
    await user.click(editor);
    await user.type(editor, 'Nada se pierde');
    await screen.findByText(/^Sin conexión/, {}, slow);

    // Leave: the section page unmounts; the draft stays in localStorage.
    await app.router.navigate('/informes/2022');
    await screen.findByRole('heading', { level: 1, name: 'Foros Virtuales de Participación 2022' });
    expect(screen.queryByRole('textbox', { name: 'Texto de «Anexo recuperable»' })).not.toBeInTheDocument();
    expect(JSON.parse(window.localStorage.getItem(draftKey(created.id)) ?? 'null')).toMatchObject({ baseVersion: 1, title: 'Anexo recuperable' });
    expect(docToPlainText((await getSection(app, created.id)).content)).toBe('');

    app.server.resetHandlers();
    await user.click(screen.getByRole('link', { name: 'Anexo recuperable' }));
    const offer = await screen.findByRole('alert', { name: 'Hay un borrador suyo en este equipo que no llegó al servidor' }, slow);
    // While the person decides, the text cannot be edited (so the draft is not overwritten).
    expect(screen.getByRole('textbox', { name: 'Texto de «Anexo recuperable»' })).toHaveAttribute('contenteditable', 'false');
    await user.click(within(offer).getByRole('button', { name: 'Recuperar mi borrador' }));

    expect(await screen.findByText(/^Guardado a las/, {}, slow)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Texto de «Anexo recuperable»' })).toHaveTextContent('Nada se pierde');
    // Ready to go on writing where the draft ended.
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Texto de «Anexo recuperable»' })).toHaveFocus(), slow);
    expect(docToPlainText((await getSection(app, created.id)).content)).toBe('Nada se pierde');
    expect(window.localStorage.getItem(draftKey(created.id))).toBeNull();
  });

  it('warns before the first edit of an approved section, then editing withdraws the approval', async () => {
    const app = await renderApp('/informes');
    server = app.server;
    const user = userEvent.setup();
    const overview = await apiAs<ReportOverview>(app, 'admin', 'GET', '/api/reports/2022');
    const conclusions = overview.sections.find((s) => s.kind === 'conclusions')!;
    expect(conclusions.state).toBe('approved');
    const editor = await openSection(app, conclusions.id, 'Conclusiones');
    expect(editor).toHaveAttribute('contenteditable', 'false');
    expect(screen.queryByRole('toolbar', { name: 'Formato del texto' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Editar de todos modos' }));
    const confirm = await screen.findByRole('dialog', { name: 'Editar retirará la aprobación' });
    await user.click(within(confirm).getByRole('button', { name: 'Editar y retirar la aprobación' }));
    await waitFor(() => expect(editor).toHaveAttribute('contenteditable', 'true'));
    const toolbar = screen.getByRole('toolbar', { name: 'Formato del texto' });
    // Every button is a drawn icon with a name, never a character that needs an emoji font (the link was «🔗»).
    for (const button of within(toolbar).getAllByRole('button')) {
      expect(button).toHaveAccessibleName();
      expect(button.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
      expect(button.textContent).toBe('');
    }
    expect(within(toolbar).getByRole('button', { name: 'Enlace' }).querySelector('svg.tabler-icon-link')).not.toBeNull();

    await user.type(editor, ' Texto añadido.');
    expect(await screen.findByText(/^Guardado a las/, {}, slow)).toBeInTheDocument();
    const saved = await getSection(app, conclusions.id);
    expect(saved.state).toBe('draft');
    // (jsdom puts the caret at the start: where the words land does not matter here.)
    expect(docToPlainText(saved.content)).toContain('Texto añadido.');
    expect(docToPlainText(saved.content)).toContain('Los foros virtuales posibilitan');
  });
});

describe('report section: two people editing', () => {
  it('on a 409 shows both versions side by side; «Conservar la mía» saves mine on top of the other', async () => {
    const app = await renderApp('/informes');
    server = app.server;
    const user = userEvent.setup();
    const created = await createFree(app, 'Anexo compartido');
    const editor = await openSection(app, created.id, 'Anexo compartido');

    // Someone else saves first (version 1 → 2).
    await apiAs(app, 'admin', 'PUT', `/api/reports/2022/sections/${created.id}`, { title: 'Anexo compartido', content: docFromParagraphs(['Texto de la administradora']), version: 1 });

    await user.click(editor);
    await user.type(editor, 'Mi propio texto');
    const alert = await screen.findByRole('alert', { name: 'Otra persona guardó esta sección mientras usted escribía' }, slow);
    expect(within(alert).getByText(/Administración guardó la versión 2/)).toBeInTheDocument();
    expect(within(alert).getByTestId('conflict-mine')).toHaveTextContent('Mi propio texto');
    expect(within(alert).getByRole('heading', { name: 'Versión guardada por Administración' })).toBeInTheDocument();
    expect(within(alert).getByTestId('conflict-theirs')).toHaveTextContent('Texto de la administradora');
    expect(screen.getByText('Sin guardar: otra persona cambió la sección. Elija qué versión conservar.')).toBeInTheDocument();
    // Nothing was overwritten, and the text is still kept locally.
    expect(docToPlainText((await getSection(app, created.id)).content)).toBe('Texto de la administradora');
    expect(window.localStorage.getItem(draftKey(created.id))).toContain('Mi propio texto');

    await user.click(within(alert).getByRole('button', { name: 'Conservar la mía (sobrescribir)' }));
    expect(await screen.findByText(/^Guardado a las/, {}, slow)).toBeInTheDocument();
    expect(screen.queryByRole('alert', { name: 'Otra persona guardó esta sección mientras usted escribía' })).not.toBeInTheDocument();
    const saved = await getSection(app, created.id);
    expect(docToPlainText(saved.content)).toBe('Mi propio texto');
    expect(saved).toMatchObject({ version: 3, lastEditedBy: 'editora' });
  });

  it('«Usar la guardada» shows the other person\'s text and keeps editing from it', async () => {
    const app = await renderApp('/informes');
    server = app.server;
    const user = userEvent.setup();
    const created = await createFree(app, 'Anexo ajeno');
    const editor = await openSection(app, created.id, 'Anexo ajeno');
    await apiAs(app, 'admin', 'PUT', `/api/reports/2022/sections/${created.id}`, { title: 'Anexo ajeno', content: docFromParagraphs(['Versión de la administradora']), version: 1 });

    await user.click(editor);
    await user.type(editor, 'Borrador mío');
    const alert = await screen.findByRole('alert', { name: 'Otra persona guardó esta sección mientras usted escribía' }, slow);
    await user.click(within(alert).getByRole('button', { name: 'Usar la guardada' }));
    const fresh = await screen.findByRole('textbox', { name: 'Texto de «Anexo ajeno»' }, slow);
    expect(fresh).toHaveTextContent('Versión de la administradora');
    expect(window.localStorage.getItem(draftKey(created.id))).toBeNull();
    // The chosen text is ready to go on: the editor has the focus, the caret after its last letter (no click needed,
    // so no click can land the caret elsewhere).
    await waitFor(() => expect(fresh).toHaveFocus(), slow);

    await user.keyboard(' y mi añadido');
    // What the person sees first: the whole text in the editor (tells a lost keystroke from a lost save).
    await waitFor(() => expect(fresh).toHaveTextContent('Versión de la administradora y mi añadido'), slow);
    expect(await screen.findByText(/^Guardado a las/, {}, slow)).toBeInTheDocument();
    // On a busy machine the autosave may also run halfway through the typing: wait for the whole text on the server.
    await expect.poll(async () => docToPlainText((await getSection(app, created.id)).content), slow).toContain('y mi añadido');
    const saved = await getSection(app, created.id);
    expect(docToPlainText(saved.content)).toContain('Versión de la administradora');
    expect(docToPlainText(saved.content)).not.toContain('Borrador mío');
    // Saved over the administrator's version 2 (no conflict this time), once or more while typing.
    expect(saved.version).toBeGreaterThanOrEqual(3);
    expect(saved.lastEditedBy).toBe('editora');
    expect(screen.queryByRole('alert', { name: 'Otra persona guardó esta sección mientras usted escribía' })).not.toBeInTheDocument();
  });
});

describe('report section: review', () => {
  it('a reviewer gets no editor, cannot approve without a review state, and returns a section with a comment', async () => {
    const app = await renderApp('/informes', { as: 'revisor' });
    server = app.server;
    const user = userEvent.setup();
    const created = await createFree(app, 'Anexo para revisar');
    await apiAs(app, 'editora', 'PUT', `/api/reports/2022/sections/${created.id}`, { title: 'Anexo para revisar', content: docFromParagraphs(['Un texto con un pasaje dudoso.']), version: 1 });
    await apiAs(app, 'editora', 'POST', `/api/reports/2022/sections/${created.id}/submit`);

    await app.router.navigate(`/informes/2022/secciones/${created.id}`);
    const text = await screen.findByRole('region', { name: 'Texto de «Anexo para revisar»' }, slow);
    expect(text).toHaveTextContent('Un texto con un pasaje dudoso.');
    expect(screen.queryByRole('toolbar')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /^Texto de/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^Título de la sección/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enviar a revisión' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Aprobar' })).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'Solicitar cambios' }));
    const dialog = await screen.findByRole('dialog', { name: 'Solicitar cambios' });
    await user.click(within(dialog).getByRole('button', { name: 'Devolver con el comentario' }));
    expect(await within(dialog).findByText('Escriba qué cambios pide.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/^Comentario para quien redacta/), 'Precise el pasaje dudoso.');
    await user.type(within(dialog).getByLabelText(/^Pasaje citado/), 'un pasaje dudoso');
    await user.click(within(dialog).getByRole('button', { name: 'Devolver con el comentario' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Solicitar cambios' })).not.toBeInTheDocument());
    const comments = screen.getByRole('region', { name: 'Comentarios' });
    expect(await within(comments).findByText('Precise el pasaje dudoso.')).toBeInTheDocument();
    expect(within(comments).getByText('«un pasaje dudoso»')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Aprobar' })).toBeDisabled());
    expect(screen.getByRole('button', { name: 'Aprobar' })).toHaveAccessibleDescription('Solo se puede aprobar una sección que está en revisión.');
    expect((await getSection(app, created.id)).state).toBe('changes_requested');
  });

  it('nobody approves their own last change: the button is disabled and says why', async () => {
    const app = await renderApp('/informes', { as: 'admin' });
    server = app.server;
    const created = await createFree(app, 'Anexo propio');
    await apiAs(app, 'admin', 'PUT', `/api/reports/2022/sections/${created.id}`, { title: 'Anexo propio', content: docFromParagraphs(['Texto propio.']), version: 1 });
    await apiAs(app, 'admin', 'POST', `/api/reports/2022/sections/${created.id}/submit`);
    await openSection(app, created.id, 'Anexo propio');
    const approve = screen.getByRole('button', { name: 'Aprobar' });
    expect(approve).toBeDisabled();
    expect(approve).toHaveAccessibleDescription('No puede aprobar una sección cuyo último cambio es suyo.');
  });
});

describe('report section: links, comments and history', () => {
  it('the link dialog refuses a javascript: address and saves an https link as structured content', async () => {
    const app = await renderApp('/informes');
    server = app.server;
    const user = userEvent.setup();
    const created = await createFree(app, 'Anexo con enlace');
    const editor = await openSection(app, created.id, 'Anexo con enlace');
    await user.click(editor);
    const bold = screen.getByRole('button', { name: 'Negrita' });
    expect(bold).toHaveAttribute('aria-pressed', 'false');

    await user.click(screen.getByRole('button', { name: 'Enlace' }));
    const dialog = await screen.findByRole('dialog', { name: 'Enlace' }, slow);
    const url = within(dialog).getByLabelText(/^Dirección \(URL\)/);
    await user.type(url, 'javascript:alert(1)');
    await user.click(within(dialog).getByRole('button', { name: 'Aplicar enlace' }));
    expect(url).toHaveAccessibleDescription(/Escriba una dirección que empiece por https:\/\/, http:\/\/ o mailto:/);
    await user.clear(url);
    await user.type(url, 'https://www.idipron.gov.co');
    await user.click(within(dialog).getByRole('button', { name: 'Aplicar enlace' }));

    expect(await screen.findByText(/^Guardado a las/, {}, slow)).toBeInTheDocument();
    const saved = await getSection(app, created.id);
    expect(saved.content.content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'https://www.idipron.gov.co', marks: [{ type: 'link', attrs: { href: 'https://www.idipron.gov.co' } }] }],
    });
  });

  it('comments: a new one, a reply in its thread, and resolving it', async () => {
    const app = await renderApp('/informes', { as: 'revisor' });
    server = app.server;
    const user = userEvent.setup();
    const created = await createFree(app, 'Anexo comentado');
    await app.router.navigate(`/informes/2022/secciones/${created.id}`);
    const comments = await screen.findByRole('region', { name: 'Comentarios' }, slow);
    expect(within(comments).getByRole('button', { name: 'Comentar selección' })).toBeDisabled();
    await user.type(within(comments).getByLabelText('Nuevo comentario'), 'Falta la fuente de las cifras.');
    await user.click(within(comments).getByRole('button', { name: 'Comentar' }));
    // What is typed sits in a textarea until it is saved: look for the text as shown in the thread, not as typed.
    const shown = { ignore: 'script, style, textarea' };
    const thread = () => within(comments).getByRole('article', { name: 'Comentario de Revisor de demostración' });
    await within(comments).findByRole('article', { name: 'Comentario de Revisor de demostración' }, slow);
    expect(within(thread()).getByText('Falta la fuente de las cifras.', shown)).toBeInTheDocument();

    await user.click(within(thread()).getByRole('button', { name: 'Responder' }));
    await user.type(within(thread()).getByLabelText('Respuesta a Revisor de demostración'), 'Se agrega en la próxima versión.');
    await user.click(within(thread()).getByRole('button', { name: 'Enviar respuesta' }));
    expect(await within(thread()).findByText('Se agrega en la próxima versión.', shown, slow)).toBeInTheDocument();
    expect(within(thread()).getByText('Falta la fuente de las cifras.', shown)).toBeInTheDocument();

    // The reply form closes once the reply is saved; then the thread offers to resolve it.
    await user.click(await within(thread()).findByRole('button', { name: 'Marcar como resuelto' }, slow));
    await waitFor(() => expect(within(comments).queryByRole('article')).not.toBeInTheDocument());
    await user.click(within(comments).getByLabelText('Mostrar los resueltos (1)'));
    expect(within(comments).getByText('Resuelto por Revisor de demostración')).toBeInTheDocument();
  });

  it('history: compares two revisions and restores the older one as a new revision (after confirming)', async () => {
    const app = await renderApp('/informes');
    server = app.server;
    const user = userEvent.setup();
    const created = await createFree(app, 'Anexo con historia');
    await apiAs(app, 'admin', 'PUT', `/api/reports/2022/sections/${created.id}`, { title: 'Anexo con historia', content: docFromParagraphs(['Primera redacción.']), version: 1 });
    await apiAs(app, 'admin', 'PUT', `/api/reports/2022/sections/${created.id}`, { title: 'Anexo con historia', content: docFromParagraphs(['Segunda redacción.']), version: 2 });
    await openSection(app, created.id, 'Anexo con historia');
    const history = screen.getByRole('region', { name: 'Historial' });
    const revisions = await within(history).findAllByRole('row', {}, slow);
    expect(revisions.length).toBeGreaterThanOrEqual(3);

    await user.click(within(history).getByRole('button', { name: 'Comparar' }));
    const diff = await within(history).findByRole('region', { name: /^Cambios de la revisión \d+ a la \d+$/ }, slow);
    await waitFor(() => expect(diff.querySelector('ins')).toHaveTextContent('Segunda'));
    expect(diff.querySelector('del')).toHaveTextContent('Primera');

    const restore = within(history).getAllByRole('button', { name: /^Restaurar esta revisión: Revisión/ });
    await user.click(restore[0]);
    const confirm = await screen.findByRole('dialog', { name: /^¿Restaurar la revisión \d+\?$/ }, slow);
    await user.click(within(confirm).getByRole('button', { name: 'Restaurar' }));
    await waitFor(async () => expect(docToPlainText((await getSection(app, created.id)).content)).toBe('Primera redacción.'));
    expect(await screen.findByRole('textbox', { name: 'Texto de «Anexo con historia»' }, slow)).toHaveTextContent('Primera redacción.');
    expect((await getSection(app, created.id)).version).toBe(4);
  });
});

describe('report section: statistics', () => {
  it('shows the reviewer the figures and a plain «sin datos» for charts, never editors’ instructions (issue 10, item 8)', async () => {
    const app = await renderApp('/informes', { as: 'revisor' });
    server = app.server;
    const overview = await apiAs<ReportOverview>(app, 'revisor', 'GET', '/api/reports/2022');
    const statistics = overview.sections.find((s) => s.kind === 'statistics')!;
    await app.router.navigate(`/informes/2022/secciones/${statistics.id}`);
    const generated = await screen.findByRole('region', { name: 'Cifras generadas de las métricas' }, slow);
    // The 2022 forums have figures but no series: one plain line each, not three empty boxes with instructions.
    await waitFor(() => expect(within(generated).getAllByText(/^Sin datos para gráficas en este foro/)).toHaveLength(3), slow);
    expect(within(generated).getAllByRole('table').length).toBeGreaterThan(0);
    expect(generated.textContent).not.toMatch(/impórtela|péguela|cámbielas|formulario/);
    expect(within(generated).queryByRole('link', { name: /^Métricas de/ })).not.toBeInTheDocument();
  });
});
