import type { RichDoc } from '../../../domain/rich-text';

/** What the person typed in a section and the server has not confirmed yet, kept in this browser. */
export interface SectionDraft {
  /** The server version the text was written on. */
  baseVersion: number;
  title: string;
  content: RichDoc;
  recommendations: string[] | null;
  /** When it was last changed (ISO). */
  changedAt: string;
}

export type SectionValues = Pick<SectionDraft, 'title' | 'content' | 'recommendations'>;

const key = (year: number, sectionId: number) => `foros.informe.${year}.seccion.${sectionId}.borrador`;

/** The kept draft of a section, or null (also when the storage is unavailable or the entry is unreadable). */
export function readSectionDraft(year: number, sectionId: number): SectionDraft | null {
  try {
    const raw = window.localStorage.getItem(key(year, sectionId));
    if (!raw) return null;
    const draft = JSON.parse(raw) as SectionDraft;
    if (typeof draft?.baseVersion !== 'number' || typeof draft.title !== 'string' || draft.content?.type !== 'doc') return null;
    return draft;
  } catch {
    return null;
  }
}

/** Keeps the draft; returns false when the browser refused (private mode, full storage). */
export function writeSectionDraft(year: number, sectionId: number, draft: SectionDraft): boolean {
  try {
    window.localStorage.setItem(key(year, sectionId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearSectionDraft(year: number, sectionId: number): void {
  try {
    window.localStorage.removeItem(key(year, sectionId));
  } catch {
    // nothing kept, nothing to clear
  }
}

/** Same text, title and recommendations (key order of the JSON does not matter for equal editor output). */
export function sameValues(a: SectionValues, b: SectionValues): boolean {
  return a.title === b.title && JSON.stringify(a.content) === JSON.stringify(b.content) && JSON.stringify(a.recommendations ?? null) === JSON.stringify(b.recommendations ?? null);
}
