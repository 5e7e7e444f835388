import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bogotaToday } from '../../src/domain/bogota-date';
import { arrangeParticipaYear, chromiumPath, expectAccessible, screenshot, startE2e, type E2eEnv } from './support';

/**
 * WCAG 2.1 AA 1.4.4 (text resized to 200 %) and 1.4.10 (reflow) on every public «Participa» page and state:
 *  - 200 % zoom: a 1280 px wide window zoomed to 200 % lays the page out in 640 CSS px at two device pixels per CSS
 *    pixel — exactly what a 640×450 viewport with deviceScaleFactor 2 is (Chromium's zoom does the same);
 *  - a phone: 390 px wide.
 * At each: no sideways scroll of the page (only a wide data table may scroll inside its own region), nothing cut off
 * at the right edge, the text at its normal size (not shrunk to fit), axe with no serious or critical finding, and
 * each form filled with the keyboard alone: Tab from the top of the form reaches its submit button through every
 * field, each focused control shows a visible focus outline and is on screen.
 */
const layouts = [
  { name: 'zoom 200 %', file: 'zoom200', viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
  { name: '390 px', file: '390', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3 },
] as const;

describe.skipIf(!chromiumPath)('«Participa» at 200 % zoom and at 390 px: reflow, readable text, keyboard, axe (every page and state)', () => {
  let env: E2eEnv;
  const year = Number(bogotaToday().slice(0, 4));

  beforeAll(async () => {
    env = await startE2e({ publicFormMinMs: 0 });
    // Long words in titles and a topic's description: a phone must wrap them, not scroll.
    await arrangeParticipaYear(env, {
      plannedForum: 'Foro de movilidad sostenible e interinstitucionalidad',
      topics: [{ title: 'Parques y espacio público', description: 'Mantenimiento y nuevos parques en las localidades.' }, { title: 'Empleo juvenil', description: '' }],
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  async function open(browser: Browser, layout: (typeof layouts)[number]) {
    const context = await browser.newContext({ baseURL: env.server.url, locale: 'es-CO', viewport: layout.viewport, deviceScaleFactor: layout.deviceScaleFactor, reducedMotion: 'reduce' });
    return { context, page: await context.newPage() };
  }

  /** No sideways scroll, nothing cut at the right edge (outside a scrolling table), text not shrunk; then axe. */
  async function reflows(page: Page, label: string) {
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const layout = await page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      const width = root.clientWidth;
      const insideScroller = (el: Element) => {
        for (let p = el.parentElement; p; p = p.parentElement) if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) return true;
        return false;
      };
      const cut = [...document.body.querySelectorAll('*')]
        .filter((el) => {
          const box = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && box.right > width + 1 && !insideScroller(el) && !el.closest('.visually-hidden, .hp, .skip');
        })
        .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}: ${el.textContent?.trim().slice(0, 40)}`);
      return { scrollWidth: root.scrollWidth, width, cut, bodySize: parseFloat(getComputedStyle(document.body).fontSize) };
    });
    expect(layout.scrollWidth, `${label}: desplazamiento lateral`).toBeLessThanOrEqual(layout.width);
    expect(layout.cut, `${label}: contenido cortado a la derecha`).toEqual([]);
    expect(layout.bodySize, `${label}: el texto conserva su tamaño`).toBeGreaterThanOrEqual(16);
    await expectAccessible(page, label);
  }

  /**
   * From the form's first control, Tab until the submit button: every stop is a visible, focused control on screen
   * with a visible outline; the ones named must be among them (so no field is skipped or unreachable).
   */
  async function tabsToSubmit(page: Page, formSelector: string, submitName: string, mustReach: string[], label: string) {
    const form = page.locator(formSelector);
    await form.locator('input:not([type=hidden]):not(.hp input), textarea, select, button').first().focus();
    const reached: string[] = [];
    for (let i = 0; i < 40; i++) {
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return null;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const labelText = (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
        return {
          tag: el.tagName.toLowerCase(),
          type: (el as HTMLInputElement).type ?? '',
          label: labelText,
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          onScreen: box.left >= 0 && box.right <= (document.scrollingElement ?? document.documentElement).clientWidth + 1 && box.width > 0,
        };
      });
      expect(focus, `${label}: algo tiene el foco`).not.toBeNull();
      expect(focus!.outline, `${label}: foco visible en «${focus!.label}» (${focus!.tag})`).toBe(true);
      expect(focus!.onScreen, `${label}: «${focus!.label}» en pantalla`).toBe(true);
      reached.push(focus!.label);
      if (focus!.tag === 'button' && focus!.label === submitName) break;
      await page.keyboard.press('Tab');
    }
    expect(reached.at(-1), `${label}: el Tab llega a «${submitName}»`).toBe(submitName);
    for (const name of mustReach) expect(reached.some((r) => r.startsWith(name)), `${label}: el Tab pasa por «${name}» (${reached.join(' → ')})`).toBe(true);
  }

  for (const layout of layouts) {
    it(`read-only pages and answer pages at ${layout.name}`, async () => {
      const { context, page } = await open(env.browser, layout);
      const pages = [
        ['/participa', 'índice'],
        ['/participa/2022', 'vigencia 2022 publicada'],
        ['/participa/2022/informe', 'informe publicado'],
        [`/participa/${year}/voto?resultado=ok`, 'voto registrado'],
        [`/participa/${year}/voto?resultado=twice`, 'voto repetido'],
        [`/participa/${year}/voto?resultado=rateLimited&espera=20`, 'voto frenado por el límite de la dirección'],
        [`/participa/${year}/pregunta?resultado=ok`, 'pregunta recibida'],
        [`/participa/${year}/pregunta?resultado=consent`, 'pregunta rechazada'],
        [`/participa/${year}/evaluacion?resultado=ok`, 'evaluación registrada'],
      ] as const;
      for (const [path, label] of pages) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        await reflows(page, `${label} (${layout.name})`);
      }
      await page.goto('/participa/2022');
      await page.locator('#informe').scrollIntoViewIfNeeded();
      await page.getByRole('link', { name: 'Descargar PDF' }).first().waitFor();
      // For a person to look at (FOROS_SCREENSHOTS): the report's part with its «Descargar PDF».
      if (process.env.FOROS_SCREENSHOTS) await page.locator('#informe').screenshot({ path: `${process.env.FOROS_SCREENSHOTS}/participa-informe-pdf-${layout.file}.png` });
      const missing = await page.goto('/participa/2031');
      expect(missing?.status()).toBe(404);
      await reflows(page, `vigencia no publicada (${layout.name})`);
      await context.close();
    });

    it(`the three forms with the keyboard alone at ${layout.name}`, async () => {
      const { context, page } = await open(env.browser, layout);
      await page.goto(`/participa/${year}`);
      await reflows(page, `vigencia con consulta abierta (${layout.name})`);
      await tabsToSubmit(page, 'form[action$="/consultation/votes"]', 'Enviar mi voto', ['Parques y espacio público', 'Empleo juvenil', '¿Qué grupo?'], `voto (${layout.name})`);

      for (const [summary, submit, fields] of [
        ['Hacer una pregunta para «Foro de movilidad sostenible e interinstitucionalidad»', 'Enviar mi pregunta', ['Su pregunta']],
        // A radio group is one Tab stop (its arrows move inside it): each of the five questions is reached once.
        ['Evaluar «Foro de salud»', 'Enviar mi evaluación', ['1 — Muy en desacuerdo', 'Comentario', '¿A qué grupo pertenece?']],
      ] as const) {
        const details = page.locator('details', { has: page.getByText(summary) });
        await details.locator('summary').focus();
        await page.keyboard.press('Enter');
        await reflows(page, `${summary} abierto (${layout.name})`);
        await tabsToSubmit(page, `details:has-text("${summary}") form`, submit, [...fields], `${summary} (${layout.name})`);
      }
      await screenshot(page, `participa-formularios-${layout.file}`);
      await context.close();
    });
  }
});
