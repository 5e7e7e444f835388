import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { evictChartImages, readChartImages, saveChartImages, storedChartImageKeys, touchChartImages } from '../db/chart-image-queries';
import { organizationOf } from '../db/org-scope';
import { chartImageKey, chartImagesOf, chartRendererVersion, type ChartImage } from '../export/chart-images';
import { reportDocumentOf } from '../export/export-data';
import type { RasterizeSvg } from '../export/rasterize';
import type { ApiLogger } from './deps';
import { readExportData } from './export-routes';
import { HttpProblem } from './problem';
import { todayIn } from '../domain/zoned-date';

/**
 * The charts' PNGs of the Word export, kept in the database (0030, chart-image-queries.ts) and drawn before anyone
 * exports (issue 12). Two parts, both optional deps of the API (`createApi({ chartImages })`; the Node server injects
 * them, the browser mock does not):
 *
 * - **The stored images.** An export looks up every chart's key (SHA-256 of the renderer's version, the width and
 *   the SVG: chart-images.ts) in one query, embeds the stored PNGs and draws only the missing ones; after the answer
 *   it stores what it drew and marks what it used, off the request. A changed figure is a changed SVG, so a new key:
 *   the export always carries the current figures, and nothing has to be invalidated. An organisation's images are
 *   its own (the scoped store), within `maxBytes`, the least recently used out first.
 * - **The warm-up.** After a metrics save or import (`changed(db, year, timeZone)`), the year's charts are drawn in the
 *   background — debounced, on the pool's threads at low priority (`drawInBackground`), one year at a time — and
 *   stored, so that the export an office asks for weeks later finds them ready. It never delays or fails the write
 *   (it starts after the answer; its errors are logged), and an export that comes before it is done draws what is
 *   still missing itself.
 *
 * The cache is a derived copy of the figures, not data: the GET of an export may store images (after its answer),
 * and no audit entry is written for it.
 */

export interface ChartImagesOptions {
  /** The renderer's version, part of every key (default chartRendererVersion). */
  version?: string;
  /** An organisation's stored images at most (default 64 MB: ~7 years of 50 forums). */
  maxBytes?: number;
  /** Draws a chart at low priority for the warm-up (the pool's `background`); without it, no warm-up. */
  drawInBackground?: RasterizeSvg;
  /** How long after the last change of a year its warm-up starts (default 2 s: an import of many forums is one warm-up). */
  debounceMs?: number;
  logger?: ApiLogger;
  now?: () => Date;
}

export interface ExportImages {
  /** Loads the stored images of these charts; answers the rasteriser the export draws through. */
  prepare: (charts: ChartImage[]) => Promise<RasterizeSvg>;
  /** After the export: stores the images it drew and marks the ones it used (in the background). */
  finish: () => void;
}

export interface ChartImages {
  /** For one export over `db` (the organisation's store), drawing what is missing with `draw`. */
  forExport: (db: Kysely<Database>, draw: RasterizeSvg) => ExportImages;
  /** Data the charts of `year` are drawn from changed: warm them (debounced). Never throws. */
  /** `timeZone`: the organisation's (its "today" decides which questions and commitments the export data holds). */
  changed: (db: Kysely<Database>, year: number, timeZone: string) => void;
  /** Starts the warm-ups waiting for their debounce now and waits for every background job (tests, shutdown). */
  idle: () => Promise<void>;
  /** Cancels the warm-ups not started yet. */
  close: () => void;
}

export const defaultChartImagesMaxBytes = 64 * 1024 * 1024;

/**
 * The warm-up's work for a list of charts: marks the stored ones as used, draws the missing ones with `draw` (all
 * handed over at once: the pool queues them) and stores them by twenties as they come. Answers how many charts and
 * how many were drawn. Also the bench's warm-up.
 */
export async function storeChartImages(
  db: Kysely<Database>,
  list: ChartImage[],
  draw: RasterizeSvg,
  options: { version?: string; now?: () => Date; closed?: () => boolean } = {},
): Promise<{ charts: number; drawn: number }> {
  const version = options.version ?? chartRendererVersion;
  const now = options.now ?? (() => new Date());
  const charts = await Promise.all(list.map(async (chart) => ({ ...chart, key: await chartImageKey(chart.svg, chart.width, version) })));
  const stored = await storedChartImageKeys(db, charts.map((chart) => chart.key));
  const missing = [...new Map(charts.filter((chart) => !stored.has(chart.key)).map((chart) => [chart.key, chart])).values()];
  await touchChartImages(db, [...stored], now().toISOString());
  let batch: Array<{ key: string; png: Uint8Array }> = [];
  const flush = async () => {
    const part = batch;
    batch = [];
    if (part.length > 0) await saveChartImages(db, part, now().toISOString());
  };
  const saving: Promise<void>[] = [];
  await Promise.all(
    missing.map(async (chart) => {
      if (options.closed?.()) return;
      const png = await draw(chart.svg, chart.width);
      // Pushed after the await: `batch` is replaced by each flush.
      batch.push({ key: chart.key, png });
      if (batch.length >= 20) saving.push(flush());
    }),
  );
  saving.push(flush());
  await Promise.all(saving);
  return { charts: charts.length, drawn: missing.length };
}

export function createChartImages(options: ChartImagesOptions = {}): ChartImages {
  const version = options.version ?? chartRendererVersion;
  const maxBytes = options.maxBytes ?? defaultChartImagesMaxBytes;
  const debounceMs = options.debounceMs ?? 2000;
  const now = options.now ?? (() => new Date());
  const logger = options.logger;
  const running = new Set<Promise<unknown>>();
  const timers = new Map<string, { timer: ReturnType<typeof setTimeout>; start: () => void }>();
  // One warm-up at a time: a year's 200 charts are plenty of background work for a 2-core server.
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const track = (work: Promise<unknown>) => {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    running.add(settled);
    void settled.then(() => running.delete(settled));
  };

  const warn = (fields: Record<string, unknown>, message: string) => {
    if (logger) logger.warn(fields, message);
    else console.warn(message, fields);
  };

  /** Stores the images drawn, marks the ones used, keeps the bound. */
  async function persist(db: Kysely<Database>, drawn: Array<{ key: string; png: Uint8Array }>, used: string[]) {
    const at = now().toISOString();
    if (drawn.length > 0) await saveChartImages(db, drawn, at);
    if (used.length > 0) await touchChartImages(db, used, at);
    if (drawn.length > 0) await evictChartImages(db, maxBytes);
  }

  async function keysOf(charts: ChartImage[]) {
    return Promise.all(charts.map(async (chart) => ({ ...chart, key: await chartImageKey(chart.svg, chart.width, version) })));
  }

  function forExport(db: Kysely<Database>, draw: RasterizeSvg): ExportImages {
    const drawn: Array<{ key: string; png: Uint8Array }> = [];
    const used: string[] = [];
    return {
      async prepare(charts) {
        const keyed = await keysOf(charts);
        const keyOf = new Map(keyed.map((chart) => [`${chart.width}\n${chart.svg}`, chart.key]));
        let stored = new Map<string, Uint8Array>();
        try {
          stored = await readChartImages(db, keyed.map((chart) => chart.key));
        } catch (error) {
          // The stored images are a shortcut: without them the export draws every chart, as before.
          warn({ err: error instanceof Error ? error.message : String(error) }, 'imágenes de gráficos: no se pudieron leer; se dibujan');
        }
        return async (svg, width) => {
          const key = keyOf.get(`${width}\n${svg}`) ?? (await chartImageKey(svg, width, version));
          const hit = stored.get(key);
          if (hit) {
            used.push(key);
            return hit;
          }
          const png = await draw(svg, width);
          drawn.push({ key, png });
          return png;
        };
      },
      finish() {
        if (drawn.length === 0 && used.length === 0) return;
        track(
          persist(db, drawn, used).catch((error: unknown) => {
            warn({ err: error instanceof Error ? error.message : String(error) }, 'imágenes de gráficos: no se pudieron guardar');
          }),
        );
      },
    };
  }

  /** Draws the year's charts that are not stored yet, at low priority, and stores them as they come. */
  async function warm(db: Kysely<Database>, year: number, timeZone: string, drawInBackground: RasterizeSvg) {
    const started = Date.now();
    const at = now();
    let data;
    try {
      data = await readExportData(db, year, todayIn(timeZone, at), timeZone);
    } catch (error) {
      if (error instanceof HttpProblem && error.status === 404) return; // no report for that year: nothing to export
      throw error;
    }
    const { charts, drawn } = await storeChartImages(db, chartImagesOf(reportDocumentOf(data, at.toISOString())), drawInBackground, { version, now, closed: () => closed });
    if (drawn > 0) await evictChartImages(db, maxBytes);
    logger?.info({ year, organization: organizationOf(db), charts, drawn, ms: Date.now() - started }, 'imágenes de gráficos preparadas');
  }

  function changed(db: Kysely<Database>, year: number, timeZone: string) {
    const drawInBackground = options.drawInBackground;
    if (!drawInBackground || closed) return;
    try {
      const id = `${organizationOf(db) ?? 0}:${year}`;
      const pending = timers.get(id);
      if (pending) clearTimeout(pending.timer);
      const start = () => {
        timers.delete(id);
        const job = queue.then(() => (closed ? undefined : warm(db, year, timeZone, drawInBackground)));
        queue = job.catch((error: unknown) => {
          warn({ year, err: error instanceof Error ? error.message : String(error) }, 'imágenes de gráficos: la preparación falló');
        });
        track(queue);
      };
      const timer = setTimeout(start, debounceMs);
      // A pending warm-up does not keep a Node process alive (the browser's timers have no unref).
      (timer as { unref?: () => void }).unref?.();
      timers.set(id, { timer, start });
    } catch (error) {
      warn({ year, err: error instanceof Error ? error.message : String(error) }, 'imágenes de gráficos: no se pudo programar la preparación');
    }
  }

  return {
    forExport,
    changed,
    async idle() {
      for (const { timer, start } of [...timers.values()]) {
        clearTimeout(timer);
        start();
      }
      while (running.size > 0) await Promise.all([...running]);
    },
    close() {
      closed = true;
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
