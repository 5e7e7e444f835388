import { ApiError, errorMessage, NetworkError } from '../../lib/http';
import { sectionConflictFrom } from './api';
import type { ReportSection, SectionSaveBody } from './report-types';
import { clearSectionDraft, writeSectionDraft, type SectionValues } from './section-draft-storage';

/** Timings of the autosave; tests may shorten them. */
export const autosaveTiming = { debounceMs: 1500, retryBaseMs: 2000, retryMaxMs: 30_000 };

export type AutosaveStatus =
  | { kind: 'idle'; savedAt: Date | null }
  | { kind: 'saving' }
  | { kind: 'offline' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; current: ReportSection };

export interface SectionAutosaveOptions {
  year: number;
  sectionId: number;
  baseVersion: number;
  /** Whether recommendations are part of the section (sent only then). */
  withRecommendations: boolean;
  save: (body: SectionSaveBody) => Promise<ReportSection>;
  onStatus: (status: AutosaveStatus) => void;
  onSaved: (section: ReportSection) => void;
}

/**
 * Saves a section while the person types: every change is kept in localStorage at once (with the version it
 * was written on) and sent ~1,5 s after the last keystroke. A network failure keeps the draft and retries with
 * backoff and when the browser comes back online; a 409 stops and waits for the person to choose. The local
 * draft is cleared only when the server confirmed exactly what is on screen. Plain class, so it outlives renders.
 */
export class SectionAutosave {
  private values: SectionValues | null = null;
  private changeSeq = 0;
  private baseVersion: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private attempts = 0;
  private status: AutosaveStatus = { kind: 'idle', savedAt: null };
  private disposed = false;

  constructor(private readonly options: SectionAutosaveOptions) {
    this.baseVersion = options.baseVersion;
    window.addEventListener('online', this.onOnline);
  }

  get version() {
    return this.baseVersion;
  }

  /** True while something typed is not confirmed by the server. */
  get dirty() {
    return this.values !== null;
  }

  get currentStatus() {
    return this.status;
  }

  /** A change on screen: keep it locally now, send it after the pause. */
  change(values: SectionValues) {
    this.values = values;
    this.changeSeq += 1;
    this.keepLocally();
    if (this.status.kind === 'conflict') return;
    if (this.status.kind !== 'offline' && this.status.kind !== 'error') this.setStatus({ kind: 'saving' });
    if (this.status.kind === 'offline' && this.timer !== undefined) return; // the retry is already planned
    this.schedule(autosaveTiming.debounceMs);
  }

  /** Sends what is pending now; resolves true when everything on screen is saved. */
  async flush(): Promise<boolean> {
    for (let i = 0; i < 3 && this.values !== null; i += 1) {
      this.clearTimer();
      await this.run();
      if (this.status.kind !== 'saving' && this.status.kind !== 'idle') break;
    }
    return this.values === null;
  }

  /** 409 → "Conservar la mía": send what is on screen on top of the saved version. */
  keepMine(current: ReportSection) {
    this.baseVersion = current.version;
    this.attempts = 0;
    if (this.values) this.keepLocally();
    this.setStatus({ kind: 'saving' });
    void this.flush();
  }

  /** 409 → "Usar la guardada", or a restore / recovered state: the server's section is what is on screen now. */
  reset(section: ReportSection) {
    this.clearTimer();
    this.values = null;
    this.baseVersion = section.version;
    this.attempts = 0;
    clearSectionDraft(this.options.year, this.options.sectionId);
    this.setStatus({ kind: 'idle', savedAt: null });
  }

  /** Starts from a recovered draft written on `baseVersion` (a 409 follows if the server moved on). */
  recover(values: SectionValues, baseVersion: number) {
    this.baseVersion = baseVersion;
    this.change(values);
    void this.flush();
  }

  /** Retry button. */
  retryNow() {
    this.attempts = 0;
    void this.flush();
  }

  dispose() {
    this.disposed = true;
    this.clearTimer();
    window.removeEventListener('online', this.onOnline);
    // Leaving the page: one last try; the local draft stays until the server confirms it.
    if (this.values && this.status.kind !== 'conflict' && !this.inFlight) void this.run();
  }

  private onOnline = () => {
    if (this.values && (this.status.kind === 'offline' || this.status.kind === 'error')) {
      this.attempts = 0;
      void this.flush();
    }
  };

  private keepLocally() {
    if (!this.values) return;
    writeSectionDraft(this.options.year, this.options.sectionId, { ...this.values, baseVersion: this.baseVersion, changedAt: new Date().toISOString() });
  }

  private schedule(ms: number) {
    this.clearTimer();
    if (this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, ms);
  }

  private clearTimer() {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setStatus(status: AutosaveStatus) {
    this.status = status;
    if (!this.disposed) this.options.onStatus(status);
  }

  private async run(): Promise<void> {
    if (this.inFlight) {
      await this.inFlight;
      if (this.values && this.status.kind !== 'conflict' && this.timer === undefined) return this.run();
      return;
    }
    if (!this.values || this.status.kind === 'conflict') return;
    this.inFlight = this.send();
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
  }

  private async send() {
    const values = this.values!;
    const seq = this.changeSeq;
    const { year, sectionId, withRecommendations } = this.options;
    this.setStatus({ kind: 'saving' });
    try {
      const body: SectionSaveBody = { title: values.title, content: values.content, version: this.baseVersion };
      if (withRecommendations) body.recommendations = values.recommendations ?? [];
      const section = await this.options.save(body);
      this.baseVersion = section.version;
      this.attempts = 0;
      if (!this.disposed) this.options.onSaved(section);
      if (this.changeSeq === seq) {
        this.values = null;
        clearSectionDraft(year, sectionId);
        this.setStatus({ kind: 'idle', savedAt: new Date() });
      } else {
        // Typed while saving: keep the newer text on the new version and send it after the pause.
        this.keepLocally();
        this.schedule(autosaveTiming.debounceMs);
      }
    } catch (error) {
      const current = sectionConflictFrom(error);
      if (current) {
        this.setStatus({ kind: 'conflict', current });
        return;
      }
      const retriable = error instanceof NetworkError || (error instanceof ApiError && (error.status >= 500 || error.status === 429));
      const message = error instanceof ApiError || !(error instanceof Error) || !error.message ? errorMessage(error) : error.message;
      this.setStatus(error instanceof NetworkError ? { kind: 'offline' } : { kind: 'error', message });
      if (retriable) {
        const wait = Math.min(autosaveTiming.retryMaxMs, autosaveTiming.retryBaseMs * 2 ** this.attempts);
        this.attempts += 1;
        this.schedule(wait);
      }
    }
  }
}
