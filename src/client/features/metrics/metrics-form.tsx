import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { snapshotKinds } from '../../../domain/metrics';
import { sameForumMetrics, type ForumMetricsRecord } from '../../../domain/metrics-update';
import { formatDateTime } from '../../lib/format';
import { usePersonName } from '../../lib/use-person-name';
import { ConflictAlert } from '../../ui/conflict-alert';
import { FormActionBar } from '../../ui/form-action-bar';
import { useVersionedSave } from '../../ui/use-versioned-save';
import { useSaveForumMetrics } from './api';
import { MetricsServerAlert, MetricsSaveErrorAlert } from './metrics-form-alerts';
import { MetricsFormIssues } from './metrics-form-issues';
import { MetricsFormSection } from './metrics-form-section';
import { toFormValues, type MetricsFormValues } from './metrics-form-values';
import { useMetricsChecks, type CheckedMetrics } from './use-metrics-checks';
import { useToday } from '../../app/use-current-user';

interface MetricsFormProps {
  forumId: number;
  saved: ForumMetricsRecord;
  /** The forum's date: the live summary's as-of date when none was saved. */
  forumDate: string | null;
  onDirtyChange?: (dirty: boolean) => void;
}

/** Whether `checked` is what `base` already holds at `version` (the same figures and confirmations): nothing to send. */
function unchanged(base: ForumMetricsRecord, version: number | undefined, checked: CheckedMetrics): boolean {
  const { acknowledgedWarnings } = checked;
  const sameWarnings = acknowledgedWarnings.length === base.acknowledgedWarnings.length && acknowledgedWarnings.every((rule) => base.acknowledgedWarnings.includes(rule));
  return version === base.version && sameWarnings && sameForumMetrics(base, checked.metrics);
}

/**
 * The three snapshots of a forum in one form, saved like every versioned form (`useVersionedSave`: a 409 keeps
 * what was typed and offers to load or overwrite, the server's 400/422 land at the fields, leaving unsaved asks
 * first); the form stays open on what was saved. Before sending, `useMetricsChecks` reads the figures as typed
 * and applies the domain's consistency rules: impossible figures stop the save, warnings need a confirmation each.
 */
export function MetricsForm({ forumId, saved, forumDate, onDirtyChange }: MetricsFormProps) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const today = useToday();
  const toValues = (record: ForumMetricsRecord) => toFormValues(record, { liveAsOf: forumDate, today });
  const form = useForm<MetricsFormValues>({ defaultValues: toValues(saved) });
  const mutation = useSaveForumMetrics(forumId);
  // The record the form last started from: a save of the same figures is not sent (nor would the server write it).
  const [base, setBase] = useState<ForumMetricsRecord>(saved);

  const { submit, conflict, serverProblem, serverIssues, saveError, busy, loadCurrent, overwrite, guardDialog, formRef, alertRef } = useVersionedSave({
    form,
    initialVersion: saved.version,
    stay: true,
    retireIssuesOnChange: true,
    save: async (values, version) => {
      const checked = checks.check(values);
      if (!checked) return null;
      if (unchanged(base, version, checked)) {
        // Nothing changed since the last save: no request, no new version; the form is the saved one again.
        notifications.show({ message: t('metrics.nothingToSave') });
        return base;
      }
      const record = await mutation.mutateAsync({ ...checked.metrics, version: version ?? 0, acknowledgedWarnings: checked.acknowledgedWarnings });
      notifications.show({ color: 'green', message: t('metrics.saved') });
      return record;
    },
    onShown: (record) => {
      setBase(record);
      checks.startFrom(record);
    },
    toValues,
    // The figures' messages are shown by the checks (`messagesAt`), not as react-hook-form errors.
    fieldIssues: () => [],
    texts: {
      loaded: (current) => t('metrics.conflict.loaded', { version: current.version, who: personName(current.updatedBy) }),
      confirmTitle: t('metrics.conflict.confirmTitle'),
      confirmMessage: t('metrics.conflict.confirmMessage'),
      confirmLoad: t('metrics.conflict.confirmLoad'),
      confirmCancel: t('metrics.conflict.confirmCancel'),
    },
  });
  const checks = useMetricsChecks(form, saved, serverIssues, formRef);

  const { isDirty } = form.formState;
  useEffect(() => {
    onDirtyChange?.(isDirty);
  }, [isDirty, onDirtyChange]);

  return (
    <FormProvider {...form}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('metrics.formLabel')}>
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
              alertRef={alertRef}
            />
          )}
          {serverProblem && <MetricsServerAlert title={serverProblem.title} errors={checks.serverErrors} alertRef={alertRef} />}
          {saveError != null && <MetricsSaveErrorAlert error={saveError} busy={busy} onRetry={() => void submit()} alertRef={alertRef} />}
          {snapshotKinds.map((kind) => (
            <MetricsFormSection
              key={kind}
              kind={kind}
              messagesAt={checks.messagesAt}
              cellErrorAt={checks.cellErrorAt}
              seriesMessages={checks.seriesMessages}
              showErrors={checks.attempted}
            />
          ))}
          <MetricsFormIssues issues={checks.issues} acknowledged={checks.acknowledged} onAcknowledge={checks.acknowledge} alertRef={checks.issuesRef} />
          <FormActionBar
            label={t('metrics.actionBar')}
            status={checks.status}
            statusIsError={checks.statusIsError}
            cancelTo={`/foros/${forumId}`}
            busy={busy}
            saveDisabled={!isDirty && conflict === null}
          />
        </Stack>
      </form>
      {guardDialog}
    </FormProvider>
  );
}
