import { confirmDestructive } from '../../ui/confirm-destructive';
import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../domain/common';
import { snapshotKinds } from '../../../domain/metrics';
import { checkMetrics, hasBlockingIssues, type MetricsIssue, type MetricsRuleId } from '../../../domain/metrics-rules';
import { sameForumMetrics, type ForumMetricsRecord } from '../../../domain/metrics-update';
import { formatDateTime } from '../../lib/format';
import { ApiError, conflictFrom, errorMessage } from '../../lib/http';
import { ConflictAlert } from '../../ui/conflict-alert';
import { FormActionBar } from '../../ui/form-action-bar';
import { usePendingFocus } from '../../ui/use-pending-focus';
import { useUnsavedChangesGuard } from '../../ui/use-unsaved-changes-guard';
import { useSaveForumMetrics } from './api';
import { MetricsFormIssues } from './metrics-form-issues';
import { MetricsFormSection } from './metrics-form-section';
import { formPath, readForm, schemaErrors, toFormValues, warningKey, type FieldErrors, type MetricsFormValues } from './metrics-form-values';
import { usePersonName } from '../../lib/use-person-name';

interface MetricsFormProps {
  forumId: number;
  saved: ForumMetricsRecord;
  /** The forum's date: the live summary's as-of date when none was saved. */
  forumDate: string | null;
  onDirtyChange?: (dirty: boolean) => void;
}

type Refusal = { kind: 'invalid'; count: number } | { kind: 'blocking' } | { kind: 'warnings'; count: number } | null;
type FocusTarget = 'invalid' | 'issues' | 'conflict' | 'error';

/** Warnings of `record` that its saved confirmations cover (confirmed once, they stay confirmed until a figure changes). */
function acknowledgedOf(record: ForumMetricsRecord): Set<string> {
  const issues = record.issues ?? checkMetrics(record);
  return new Set(issues.filter((i) => i.severity === 'warn' && record.acknowledgedWarnings.includes(i.rule)).map(warningKey));
}

function toFieldErrors(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = new Map();
  for (const issue of issues) {
    const key = formPath(issue.path);
    errors.set(key, errors.has(key) ? `${errors.get(key)} ${issue.message}` : issue.message);
  }
  return errors;
}

/**
 * The three snapshots of a forum in one form. Figures are parsed as typed and checked by the domain's
 * consistency rules at once: impossible figures stop the save, warnings need a confirmation each. The
 * server's 400/422 land at the same fields; a 409 keeps what was typed and offers to load or overwrite.
 */
export function MetricsForm({ forumId, saved, forumDate, onDirtyChange }: MetricsFormProps) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const form = useForm<MetricsFormValues>({ defaultValues: toFormValues(saved, { liveAsOf: forumDate }) });
  const { control, formState, handleSubmit, reset } = form;
  const save = useSaveForumMetrics(forumId);

  const [version, setVersion] = useState(saved.version);
  // The record the form last started from: a save of the same figures is not sent (nor would the server write it).
  const [base, setBase] = useState<ForumMetricsRecord>(saved);
  const [acknowledged, setAcknowledged] = useState<Set<string>>(() => acknowledgedOf(saved));
  const [attempted, setAttempted] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const [submitErrors, setSubmitErrors] = useState<FieldErrors>(new Map());
  const [server, setServer] = useState<{ title: string; errors: FieldErrors; issues: MetricsIssue[] } | null>(null);
  const [conflict, setConflict] = useState<ForumMetricsRecord | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);

  const formRef = useRef<HTMLFormElement>(null);
  const issuesRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  const guardDialog = useUnsavedChangesGuard(formState.isDirty);

  useEffect(() => {
    onDirtyChange?.(formState.isDirty);
  }, [formState.isDirty, onDirtyChange]);

  // A server answer or a submit's schema messages describe the figures as they were sent: any change retires them.
  useEffect(() => {
    const subscription = form.watch((_values, { type }) => {
      if (type !== 'change') return;
      setServer(null);
      setSubmitErrors((errors) => (errors.size === 0 ? errors : new Map()));
      setRefusal(null);
    });
    return () => subscription.unsubscribe();
  }, [form]);

  const requestFocus = usePendingFocus<FocusTarget>((target) =>
    target === 'conflict'
      ? conflictRef.current
      : target === 'error'
        ? errorRef.current
        : target === 'issues'
          ? issuesRef.current
          : formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'),
  );

  const values = useWatch({ control }) as MetricsFormValues;
  const read = useMemo(() => readForm(values), [values]);
  const issues = useMemo(() => checkMetrics(read.metrics), [read]);
  const warnings = issues.filter((i) => i.severity === 'warn');
  const pendingWarnings = warnings.filter((i) => !acknowledged.has(warningKey(i)));
  const blocking = hasBlockingIssues(issues);

  const messagesAt = (path: string): string[] => {
    const out: string[] = [];
    const submitted = submitErrors.get(path);
    if (submitted) out.push(submitted);
    const fromServer = server?.errors.get(path);
    if (fromServer && !issues.some((i) => i.message === fromServer)) out.push(fromServer);
    for (const issue of issues) if (issue.severity === 'block' && issue.paths.includes(path)) out.push(issue.message);
    return out;
  };
  const seriesMessages = (path: string) => issues.filter((i) => i.paths.includes(path)).map((i) => i.message);
  const cellErrorAt = (path: string) => read.errors.get(path);

  const applySaved = (record: ForumMetricsRecord) => {
    reset(toFormValues(record, { liveAsOf: forumDate }));
    setVersion(record.version);
    setBase(record);
    setAcknowledged(acknowledgedOf(record));
    setConflict(null);
    setServer(null);
    setSaveError(null);
    setRefusal(null);
    setSubmitErrors(new Map());
    setAttempted(false);
  };

  const submitWith = (versionToSend: number) =>
    handleSubmit(async (formValues) => {
      setAttempted(true);
      setSaveError(null);
      setServer(null);
      const current = readForm(formValues);
      const schema = current.errors.size === 0 ? schemaErrors(current.metrics) : new Map<string, string>();
      setSubmitErrors(schema);
      const invalid = current.errors.size + schema.size;
      if (invalid > 0) {
        setRefusal({ kind: 'invalid', count: invalid });
        return requestFocus('invalid');
      }
      const currentIssues = checkMetrics(current.metrics);
      if (hasBlockingIssues(currentIssues)) {
        setRefusal({ kind: 'blocking' });
        return requestFocus('issues');
      }
      const currentWarnings = currentIssues.filter((i) => i.severity === 'warn');
      const pending = currentWarnings.filter((i) => !acknowledged.has(warningKey(i)));
      if (pending.length > 0) {
        setRefusal({ kind: 'warnings', count: pending.length });
        return requestFocus('issues');
      }
      setRefusal(null);
      const { postCard, liveSummary, sincePublication } = current.metrics;
      const acknowledgedWarnings = [...new Set(currentWarnings.map((i) => i.rule))] as MetricsRuleId[];
      const sameWarnings = acknowledgedWarnings.length === base.acknowledgedWarnings.length && acknowledgedWarnings.every((rule) => base.acknowledgedWarnings.includes(rule));
      if (versionToSend === base.version && sameWarnings && sameForumMetrics(base, current.metrics)) {
        // Nothing changed since the last save: no request, no new version; the form is the saved one again.
        applySaved(base);
        notifications.show({ message: t('metrics.nothingToSave') });
        return;
      }
      try {
        const record = await save.mutateAsync({ postCard, liveSummary, sincePublication, version: versionToSend, acknowledgedWarnings });
        applySaved(record);
        notifications.show({ color: 'green', message: t('metrics.saved') });
      } catch (error) {
        const newer = conflictFrom<ForumMetricsRecord>(error);
        if (newer) {
          setConflict(newer);
          requestFocus('conflict');
        } else if (error instanceof ApiError && (error.status === 422 || error.status === 400) && error.errors.length > 0) {
          const serverIssues = Array.isArray(error.body.issues) ? (error.body.issues as MetricsIssue[]) : [];
          setServer({ title: error.title, errors: toFieldErrors(error.errors), issues: serverIssues });
          requestFocus('error');
        } else {
          setSaveError(error);
          requestFocus('error');
        }
      }
    });

  const loadCurrent = () => {
    if (!conflict) return;
    const current = conflict;
    const apply = () => {
      applySaved(current);
      notifications.show({ message: t('metrics.conflict.loaded', { version: current.version, who: personName(current.updatedBy) }) });
    };
    if (!formState.isDirty) return apply();
    confirmDestructive({
      title: t('metrics.conflict.confirmTitle'),
      message: t('metrics.conflict.confirmMessage'),
      confirmLabel: t('metrics.conflict.confirmLoad'),
      cancelLabel: t('metrics.conflict.confirmCancel'),
      onConfirm: apply,
    });
  };

  const overwrite = () => {
    if (!conflict) return;
    setVersion(conflict.version);
    void submitWith(conflict.version)();
  };

  const acknowledge = (key: string, confirmed: boolean) =>
    setAcknowledged((current) => {
      const next = new Set(current);
      if (confirmed) next.add(key);
      else next.delete(key);
      return next;
    });

  const busy = formState.isSubmitting;
  const statusText =
    refusal?.kind === 'invalid'
      ? t('metrics.rules.refusedInvalid', { count: refusal.count })
      : refusal?.kind === 'blocking' || (refusal && blocking)
        ? t('metrics.rules.refusedBlocking')
        : refusal?.kind === 'warnings' && pendingWarnings.length > 0
          ? t('metrics.rules.refusedWarnings', { count: pendingWarnings.length })
          : blocking
            ? t('metrics.rules.refusedBlocking')
            : formState.isDirty
              ? t('unsaved.title')
              : '';
  const statusIsError = refusal !== null || blocking;

  return (
    <FormProvider {...form}>
      <form ref={formRef} onSubmit={submitWith(version)} noValidate aria-label={t('metrics.formLabel')}>
        <Stack gap="lg">
          {conflict && (
            <ConflictAlert
              title={t('metrics.conflict.title')}
              message={t('metrics.conflict.message', {
                who: personName(conflict.updatedBy),
                version: conflict.version,
                when: conflict.updatedAt ? formatDateTime(conflict.updatedAt) : '—',
              })}
              loadLabel={t('metrics.conflict.load')}
              overwriteLabel={t('metrics.conflict.overwrite')}
              busy={busy}
              onLoad={loadCurrent}
              onOverwrite={overwrite}
              alertRef={conflictRef}
            />
          )}
          {server && (
            <Alert ref={errorRef} tabIndex={-1} color="red" role="alert" title={server.title}>
              <Text size="sm" mb="xs">
                {t('metrics.rules.server')}
              </Text>
              <List size="sm">
                {[...new Set([...server.errors.values()])].map((message) => (
                  <List.Item key={message}>{message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {saveError != null && (
            <Alert ref={errorRef} tabIndex={-1} color="red" role="alert" title={t('metrics.saveError.title')}>
              <Text size="sm">{errorMessage(saveError)}</Text>
              <Text size="sm" mb="sm">
                {t('metrics.saveError.kept')}
              </Text>
              <Button size="xs" variant="default" onClick={() => void submitWith(version)()} loading={busy}>
                {t('actions.retry')}
              </Button>
            </Alert>
          )}
          {snapshotKinds.map((kind) => (
            <MetricsFormSection key={kind} kind={kind} messagesAt={messagesAt} cellErrorAt={cellErrorAt} seriesMessages={seriesMessages} showErrors={attempted} />
          ))}
          <MetricsFormIssues issues={issues} acknowledged={acknowledged} onAcknowledge={acknowledge} alertRef={issuesRef} />
          <FormActionBar
            label={t('metrics.actionBar')}
            status={statusText}
            statusIsError={statusIsError}
            cancelTo={`/foros/${forumId}`}
            busy={busy}
            saveDisabled={!formState.isDirty && conflict === null}
          />
        </Stack>
      </form>
      {guardDialog}
    </FormProvider>
  );
}
