import { useEffect, useRef, useState } from 'react';
import { richDocSchema } from '../../../domain/rich-text';
import { putSection, useSectionSaved } from './api';
import type { ReportSection } from './report-types';
import { SectionAutosave, type AutosaveStatus } from './section-autosave';
import { clearSectionDraft, readSectionDraft, sameValues, type SectionDraft, type SectionValues } from './section-draft-storage';

const valuesOf = (section: ReportSection): SectionValues => ({
  title: section.title,
  content: section.content,
  recommendations: section.kind === 'recommendations' ? section.recommendations : null,
});

/** The local draft of this section if it differs from what the server has (else it is dropped). */
function pendingDraft(section: ReportSection): SectionDraft | null {
  const draft = readSectionDraft(section.year, section.id);
  if (!draft) return null;
  if (sameValues(draft, valuesOf(section))) {
    clearSectionDraft(section.year, section.id);
    return null;
  }
  return draft;
}

/**
 * The editing session of one section for a writer: the values on screen, the autosave behind them, a local
 * draft left by an earlier visit (offered back), and the ways out of a 409. `generation` changes whenever
 * the text on screen is replaced from outside (recovered draft, saved version, restored revision), so the
 * editor remounts with it.
 */
export function useSectionEditing(section: ReportSection, enabled: boolean) {
  const sectionSaved = useSectionSaved(section.year);
  const [values, setValues] = useState<SectionValues>(() => valuesOf(section));
  const [generation, setGeneration] = useState(0);
  // The text was replaced because the person chose so right beside it («Usar la guardada», «Recuperar»): the new
  // editor takes the focus with the caret at the end, so the next keystroke goes on from the text they chose.
  const [focusEditor, setFocusEditor] = useState(false);
  const [status, setStatus] = useState<AutosaveStatus>({ kind: 'idle', savedAt: null });
  const [offer, setOffer] = useState<SectionDraft | null>(() => (enabled ? pendingDraft(section) : null));
  const autosave = useRef<SectionAutosave | null>(null);
  const savedRef = useRef(sectionSaved);
  useEffect(() => {
    savedRef.current = sectionSaved;
  });

  const { year, id } = section;
  const baseVersion = section.version;
  const withRecommendations = section.kind === 'recommendations';
  useEffect(() => {
    if (!enabled) return;
    const instance = new SectionAutosave({
      year,
      sectionId: id,
      baseVersion,
      withRecommendations,
      save: (body) => {
        const parsed = richDocSchema.safeParse(body.content);
        if (!parsed.success) return Promise.reject(new InvalidContentError(parsed.error.issues[0]?.message ?? ''));
        return putSection(year, id, { ...body, content: parsed.data });
      },
      onStatus: setStatus,
      onSaved: (saved) => void savedRef.current(saved),
    });
    autosave.current = instance;
    return () => {
      instance.dispose();
      autosave.current = null;
    };
    // One autosave per section visit; its version moves on by itself after each save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, year, id]);

  // The latest values, read by the next change before React re-renders (several changes can come in one tick).
  const latest = useRef(values);
  const change = (next: Partial<SectionValues>) => {
    const merged = { ...latest.current, ...next };
    latest.current = merged;
    setValues(merged);
    autosave.current?.change(merged);
  };
  const show = (next: SectionValues) => {
    latest.current = next;
    setValues(next);
  };

  /** The text on screen becomes `section` (saved version chosen, revision restored). */
  const replaceWith = (replacement: ReportSection, focus = false) => {
    autosave.current?.reset(replacement);
    setFocusEditor(focus);
    show(valuesOf(replacement));
    setGeneration((g) => g + 1);
    void sectionSaved(replacement);
  };

  return {
    values,
    generation,
    focusEditor,
    status,
    offer,
    get version() {
      return autosave.current?.version ?? section.version;
    },
    get dirty() {
      return autosave.current?.dirty ?? false;
    },
    setTitle: (title: string) => change({ title }),
    setContent: (content: SectionValues['content']) => change({ content }),
    setRecommendations: (recommendations: string[]) => change({ recommendations }),
    flush: () => autosave.current?.flush() ?? Promise.resolve(true),
    retryNow: () => autosave.current?.retryNow(),
    recover: () => {
      if (!offer) return;
      const recovered: SectionValues = { title: offer.title, content: offer.content, recommendations: offer.recommendations };
      show(recovered);
      setFocusEditor(true);
      setGeneration((g) => g + 1);
      setOffer(null);
      autosave.current?.recover(recovered, offer.baseVersion);
    },
    discard: () => {
      clearSectionDraft(year, id);
      setOffer(null);
    },
    keepMine: (current: ReportSection) => autosave.current?.keepMine(current),
    useTheirs: (current: ReportSection) => replaceWith(current, true),
    replaceWith: (replacement: ReportSection) => replaceWith(replacement),
  };
}

export type SectionEditing = ReturnType<typeof useSectionEditing>;

/** The document breaks a rich-text rule (checked before sending, as the server would). */
export class InvalidContentError extends Error {}
