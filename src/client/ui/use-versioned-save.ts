import { notifications } from '@mantine/notifications';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { FieldIssue } from '../../domain/common';
import { ApiError, conflictFrom } from '../lib/http';
import { confirmDestructive } from './confirm-destructive';
import { usePendingFocus } from './use-pending-focus';
import { useUnsavedChangesGuard } from './use-unsaved-changes-guard';

/** A saved record as the API returns it: its version and who saved it last. */
interface Versioned {
  version: number;
  updatedBy: string;
}

export interface VersionedSaveOptions<TValues extends FieldValues, TInput, TRecord extends Versioned> {
  form: UseFormReturn<TValues, unknown, TInput>;
  initialVersion?: number;
  save: (values: TInput, version: number | undefined) => Promise<TRecord>;
  onSaved: (record: TRecord) => void;
  onNewerVersion?: (current: TRecord) => void;
  /** The form's values for a saved record («Cargar la versión guardada»). */
  toValues: (record: TRecord) => TValues;
  /** The server's issues that belong to a field of this form, with the field's path in the form. */
  fieldIssues: (issues: FieldIssue[]) => { path: string; message: string }[];
  /** Any other 4xx with field issues (e.g. a 409 for a rule on one field) before it is shown. */
  onFieldProblem?: (error: ApiError) => void;
  texts: { loaded: (current: TRecord) => string; confirmTitle: string; confirmMessage: string; confirmLoad: string; confirmCancel: string };
}

/** Number of messages in a react-hook-form errors tree (for the "N campos por corregir" hint). */
function countErrors(errors: unknown): number {
  if (!errors || typeof errors !== 'object') return 0;
  const record = errors as Record<string, unknown>;
  if (typeof record.message === 'string' && record.message) return 1;
  return Object.entries(record).reduce((sum, [key, value]) => (key === 'ref' || key === 'types' ? sum : sum + countErrors(value)), 0);
}

/**
 * Saving a form that edits a versioned record, the same way everywhere: the version goes with the save; a 409
 * keeps what was typed and offers to load the saved version (asking first when there are changes) or to
 * overwrite it; the server's field issues land at their fields (400, or a 409 naming a field) and in a summary;
 * any other failure keeps the typing and says so; focus goes to what appeared; leaving unsaved asks first.
 * Render `guardDialog`, put `formRef` on the form and `alertRef` on whichever alert shows.
 */
export function useVersionedSave<TValues extends FieldValues, TInput, TRecord extends Versioned>(options: VersionedSaveOptions<TValues, TInput, TRecord>) {
  const { form, save, toValues, fieldIssues, texts } = options;
  const [version, setVersion] = useState(options.initialVersion);
  const [conflict, setConflict] = useState<TRecord | null>(null);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<TRecord | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  // Declared before the effect that announces the save, so the guard is already disarmed when the page navigates.
  const guardDialog = useUnsavedChangesGuard(form.formState.isDirty && !saved);
  const announceSaved = useEffectEvent((record: TRecord) => options.onSaved(record));
  useEffect(() => {
    if (saved) announceSaved(saved);
  }, [saved]);

  const requestFocus = usePendingFocus<'invalid' | 'alert'>((target) =>
    target === 'alert' ? alertRef.current : formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'),
  );

  const submitWith = (versionToSend: number | undefined) =>
    form.handleSubmit(
      async (values) => {
        setSaveError(null);
        setServerIssues([]);
        try {
          const record = await save(values, versionToSend);
          setConflict(null);
          setSaved(record);
        } catch (error) {
          const current = conflictFrom<TRecord>(error);
          if (current) {
            setConflict(current);
            options.onNewerVersion?.(current);
            requestFocus('alert');
          } else if (error instanceof ApiError && (error.status === 400 || error.status === 409) && error.errors.length > 0) {
            options.onFieldProblem?.(error);
            setServerIssues(error.errors);
            const atFields = fieldIssues(error.errors);
            for (const issue of atFields) form.setError(issue.path as Path<TValues>, { type: 'server', message: issue.message });
            requestFocus(atFields.length > 0 ? 'invalid' : 'alert');
          } else {
            setSaveError(error);
            requestFocus('alert');
          }
        }
      },
      () => {
        setServerIssues([]);
        requestFocus('invalid');
      },
    );

  const loadCurrent = () => {
    if (!conflict) return;
    const current = conflict;
    const apply = () => {
      form.reset(toValues(current));
      setVersion(current.version);
      setConflict(null);
      setServerIssues([]);
      setSaveError(null);
      notifications.show({ message: texts.loaded(current) });
    };
    if (!form.formState.isDirty) return apply();
    confirmDestructive({ title: texts.confirmTitle, message: texts.confirmMessage, confirmLabel: texts.confirmLoad, cancelLabel: texts.confirmCancel, onConfirm: apply });
  };

  const overwrite = () => {
    if (!conflict) return;
    setVersion(conflict.version);
    void submitWith(conflict.version)();
  };

  return {
    /** The form's onSubmit (and the «Reintentar» of a failed save). */
    submit: submitWith(version),
    conflict,
    serverIssues,
    saveError,
    saved,
    busy: form.formState.isSubmitting || saved !== null,
    /** Field messages after a submit (0 before the first). */
    errorCount: form.formState.submitCount > 0 ? countErrors(form.formState.errors) : 0,
    loadCurrent,
    overwrite,
    guardDialog,
    formRef,
    alertRef,
  };
}
