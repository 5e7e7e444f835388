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
  updatedBy: string | null;
}

export interface VersionedSaveOptions<TValues extends FieldValues, TInput, TRecord extends Versioned> {
  form: UseFormReturn<TValues, unknown, TInput>;
  initialVersion?: number;
  /** Sends the save; `null` when the form itself refused to send it (it has said why and where). */
  save: (values: TInput, version: number | undefined) => Promise<TRecord | null>;
  onSaved?: (record: TRecord) => void;
  /**
   * The form stays open on the saved record (instead of the page leaving): after a save, and after «Cargar la
   * versión guardada», it shows `toValues(record)` at the record's version, and `onShown(record)` is told.
   */
  stay?: boolean;
  onShown?: (record: TRecord) => void;
  onNewerVersion?: (current: TRecord) => void;
  /** The form's values for a saved record («Cargar la versión guardada»). */
  toValues: (record: TRecord) => TValues;
  /** The server's issues that belong to a field of this form, with the field's path in the form. */
  fieldIssues: (issues: FieldIssue[]) => { path: string; message: string }[];
  /** Any other 4xx with field issues (e.g. a 409 for a rule on one field) before it is shown. */
  onFieldProblem?: (error: ApiError) => void;
  /** The server's field issues describe the values as sent: the first change of a field retires them. */
  retireIssuesOnChange?: boolean;
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
 * Render `guardDialog`, put `formRef` on the form and `alertRef` on whichever alert shows. A form that stays open
 * after saving (`stay`) starts again from the saved record.
 */
export function useVersionedSave<TValues extends FieldValues, TInput, TRecord extends Versioned>(options: VersionedSaveOptions<TValues, TInput, TRecord>) {
  const { form, save, toValues, fieldIssues, texts } = options;
  const [version, setVersion] = useState(options.initialVersion);
  const [conflict, setConflict] = useState<TRecord | null>(null);
  const [serverProblem, setServerProblem] = useState<ApiError | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<TRecord | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  // Declared before the effect that announces the save, so the guard is already disarmed when the page navigates.
  const guardDialog = useUnsavedChangesGuard(form.formState.isDirty && !saved);
  const announceSaved = useEffectEvent((record: TRecord) => options.onSaved?.(record));
  useEffect(() => {
    if (saved) announceSaved(saved);
  }, [saved]);

  useEffect(() => {
    if (!options.retireIssuesOnChange) return;
    const subscription = form.watch((_values, { type }) => {
      if (type === 'change') setServerProblem(null);
    });
    return () => subscription.unsubscribe();
  }, [form, options.retireIssuesOnChange]);

  /** The form shows this saved record from now on (a form that stays open). */
  const show = (record: TRecord) => {
    form.reset(toValues(record));
    setVersion(record.version);
    setConflict(null);
    setServerProblem(null);
    setSaveError(null);
    options.onShown?.(record);
  };

  const requestFocus = usePendingFocus<'invalid' | 'alert'>((target) =>
    target === 'alert' ? alertRef.current : formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'),
  );

  const submitWith = (versionToSend: number | undefined) =>
    form.handleSubmit(
      async (values) => {
        setSaveError(null);
        setServerProblem(null);
        try {
          const record = await save(values, versionToSend);
          if (!record) return;
          if (options.stay) {
            show(record);
            options.onSaved?.(record);
          } else {
            setConflict(null);
            setSaved(record);
          }
        } catch (error) {
          const current = conflictFrom<TRecord>(error);
          if (current) {
            setConflict(current);
            options.onNewerVersion?.(current);
            requestFocus('alert');
          } else if (error instanceof ApiError && [400, 409, 422].includes(error.status) && error.errors.length > 0) {
            options.onFieldProblem?.(error);
            setServerProblem(error);
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
        setServerProblem(null);
        requestFocus('invalid');
      },
    );

  const loadCurrent = () => {
    if (!conflict) return;
    const current = conflict;
    const apply = () => {
      show(current);
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
    /** The last save's answer when it named fields (400, 409, 422): its title, issues and body. */
    serverProblem,
    serverIssues: serverProblem?.errors ?? [],
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
