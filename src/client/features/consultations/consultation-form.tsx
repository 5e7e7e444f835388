import { confirmDestructive } from '../../ui/confirm-destructive';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Checkbox, Group, List, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { Controller, useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FieldIssue } from '../../../domain/common';
import { consultationChannels, consultationInputSchema, consultationStatuses, type Consultation, type ConsultationInput } from '../../../domain/consultation';
import { formatDateTime } from '../../lib/format';
import { ApiError, errorMessage } from '../../lib/http';
import { ConflictAlert } from '../../ui/conflict-alert';
import { FormSection } from '../../ui/form-section';
import { usePendingFocus } from '../../ui/use-pending-focus';
import { useUnsavedChangesGuard } from '../../ui/use-unsaved-changes-guard';
import { ConsultationFormTopics } from './consultation-form-topics';

/** The form's values: the domain input, with the year empty while the person clears it. */
export type ConsultationFormValues = Omit<ConsultationInput, 'year'> & { year: number | null };

export function toConsultationFormValues(input: ConsultationInput): ConsultationFormValues {
  return {
    year: input.year,
    title: input.title,
    openDate: input.openDate,
    closeDate: input.closeDate,
    channels: [...input.channels],
    status: input.status,
    topics: input.topics.map((topic) => ({ ...(topic.id !== undefined ? { id: topic.id } : {}), title: topic.title, description: topic.description, proposingTeam: topic.proposingTeam })),
  };
}

const resolver = zodResolver(consultationInputSchema) as unknown as Resolver<ConsultationFormValues, unknown, ConsultationInput>;

const formFields = new Set(['year', 'title', 'openDate', 'closeDate', 'channels', 'status', 'topics']);
const isFormPath = (path: string) => formFields.has(path.split('.')[0]);

function conflictFrom(error: unknown): Consultation | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const current = error.body.current as Consultation | undefined;
  return current && typeof current === 'object' && typeof current.version === 'number' ? current : null;
}

function countErrors(errors: unknown): number {
  if (!errors || typeof errors !== 'object') return 0;
  const record = errors as Record<string, unknown>;
  if (typeof record.message === 'string' && record.message) return 1;
  return Object.entries(record).reduce((sum, [key, value]) => (key === 'ref' || key === 'types' ? sum : sum + countErrors(value)), 0);
}

interface ConsultationFormProps {
  initialValues: ConsultationInput;
  initialVersion?: number;
  save: (values: ConsultationInput, version: number | undefined) => Promise<Consultation>;
  onSaved: (consultation: Consultation) => void;
  onNewerVersion?: (current: Consultation) => void;
  cancelTo: string;
}

/**
 * The consultation form, for create and edit: the domain's consultationInputSchema validates it (zodResolver);
 * server problems land at their fields; a 409 keeps what was typed and offers to load or overwrite; leaving
 * with unsaved changes asks first.
 */
export function ConsultationForm({ initialValues, initialVersion, save, onSaved, onNewerVersion, cancelTo }: ConsultationFormProps) {
  const { t } = useTranslation();
  const form = useForm<ConsultationFormValues, unknown, ConsultationInput>({
    defaultValues: toConsultationFormValues(initialValues),
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: false,
  });
  const { control, register, formState, handleSubmit, reset, setError } = form;
  const errors = formState.errors;
  const [version, setVersion] = useState(initialVersion);
  const [conflict, setConflict] = useState<Consultation | null>(null);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  // The consultation that already holds the chosen year (a 409 on save): linked from the alert.
  const [yearTakenBy, setYearTakenBy] = useState<{ id: number; year: number } | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState<Consultation | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const guardDialog = useUnsavedChangesGuard(formState.isDirty && !saved);
  const announceSaved = useEffectEvent((consultation: Consultation) => onSaved(consultation));
  useEffect(() => {
    if (saved) announceSaved(saved);
  }, [saved]);

  const requestFocus = usePendingFocus<'invalid' | 'alert'>((target) =>
    target === 'alert' ? alertRef.current : formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]'),
  );

  const submitWith = (versionToSend: number | undefined) =>
    handleSubmit(
      async (values) => {
        setSaveError(null);
        setServerIssues([]);
        setYearTakenBy(null);
        try {
          const consultation = await save(values, versionToSend);
          setConflict(null);
          setSaved(consultation);
        } catch (error) {
          const current = conflictFrom(error);
          if (current) {
            setConflict(current);
            onNewerVersion?.(current);
            requestFocus('alert');
          } else if (error instanceof ApiError && (error.status === 400 || error.status === 409) && error.errors.length > 0) {
            // 400: a rule the form could not check; 409: the year already has its consultation.
            setServerIssues(error.errors);
            const takenBy = error.body.consultationId;
            setYearTakenBy(error.status === 409 && typeof takenBy === 'number' && values.year !== null ? { id: takenBy, year: values.year } : null);
            const atFields = error.errors.filter((issue) => issue.path && isFormPath(issue.path));
            for (const issue of atFields) setError(issue.path as 'title', { type: 'server', message: issue.message });
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
      reset(toConsultationFormValues(current));
      setVersion(current.version);
      setConflict(null);
      setServerIssues([]);
      setSaveError(null);
      notifications.show({ message: t('consultations.form.conflict.loaded', { version: current.version, who: current.updatedBy }) });
    };
    if (!formState.isDirty) return apply();
    confirmDestructive({
      title: t('consultations.form.conflict.confirmTitle'),
      message: t('consultations.form.conflict.confirmMessage'),
      confirmLabel: t('consultations.form.conflict.confirmLoad'),
      cancelLabel: t('consultations.form.conflict.confirmCancel'),
      onConfirm: apply,
    });
  };

  const overwrite = () => {
    if (!conflict) return;
    setVersion(conflict.version);
    void submitWith(conflict.version)();
  };

  const errorCount = formState.submitCount > 0 ? countErrors(errors) : 0;
  const busy = formState.isSubmitting || saved !== null;
  const dateInput = (name: 'openDate' | 'closeDate') => (
    <Controller
      control={control}
      name={name}
      rules={{ deps: name === 'openDate' ? ['closeDate'] : [] }}
      render={({ field, fieldState }) => (
        <TextInput
          type="date"
          required
          label={t(`consultations.form.fields.${name}`)}
          name={field.name}
          ref={field.ref}
          value={field.value ?? ''}
          onChange={(event) => field.onChange(event.currentTarget.value)}
          onBlur={field.onBlur}
          error={fieldState.error?.message}
        />
      )}
    />
  );

  return (
    <form ref={formRef} onSubmit={submitWith(version)} noValidate aria-label={t('consultations.form.formLabel')}>
      <Stack gap="lg" maw={1000}>
        {conflict && (
          <ConflictAlert
            title={t('consultations.form.conflict.title')}
            message={t('consultations.form.conflict.message', { who: conflict.updatedBy, version: conflict.version, when: formatDateTime(conflict.updatedAt) })}
            loadLabel={t('consultations.form.conflict.load')}
            overwriteLabel={t('consultations.form.conflict.overwrite')}
            busy={busy}
            onLoad={loadCurrent}
            onOverwrite={overwrite}
            alertRef={alertRef}
          />
        )}
        {serverIssues.length > 0 && !conflict && (
          <Alert ref={alertRef} tabIndex={-1} color="red" role="alert" title={t('consultations.form.invalid.title')}>
            <Text size="sm" mb="xs">
              {t('consultations.form.invalid.server')}
            </Text>
            <List size="sm">
              {serverIssues.map((issue, i) => (
                <List.Item key={`${issue.path}-${i}`}>{issue.message}</List.Item>
              ))}
            </List>
            {yearTakenBy && (
              <Anchor component={Link} to={`/consultas/${yearTakenBy.id}`} size="sm" mt="xs" display="inline-block">
                {t('consultations.form.openTakenYear', { year: yearTakenBy.year })}
              </Anchor>
            )}
          </Alert>
        )}
        {saveError != null && (
          <Alert ref={alertRef} tabIndex={-1} color="red" role="alert" title={t('consultations.form.saveError.title')}>
            <Text size="sm">{errorMessage(saveError)}</Text>
            <Text size="sm">{t('consultations.form.saveError.kept')}</Text>
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {t('consultations.form.requiredHint')}
        </Text>

        <FormSection title={t('consultations.form.sections.general')}>
          <TextInput label={t('consultations.form.fields.title')} required {...register('title')} error={errors.title?.message} />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
            <Controller
              control={control}
              name="year"
              render={({ field, fieldState }) => (
                <NumberInput
                  label={t('consultations.form.fields.year')}
                  required
                  name={field.name}
                  ref={field.ref}
                  value={field.value ?? ''}
                  onChange={(value) => field.onChange(typeof value === 'number' ? value : value.trim() === '' ? null : Number(value))}
                  onBlur={field.onBlur}
                  allowDecimal={false}
                  allowNegative={false}
                  clampBehavior="none"
                  error={fieldState.error?.message}
                />
              )}
            />
            {dateInput('openDate')}
            {dateInput('closeDate')}
            <Controller
              control={control}
              name="status"
              render={({ field, fieldState }) => (
                <Select
                  label={t('consultations.form.fields.status')}
                  required
                  data={consultationStatuses.map((value) => ({ value, label: t(`consultations.statuses.${value}`) }))}
                  allowDeselect={false}
                  name={field.name}
                  ref={field.ref}
                  value={field.value}
                  onChange={(value) => value && field.onChange(value)}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                />
              )}
            />
          </SimpleGrid>
        </FormSection>

        <FormSection title={t('consultations.form.sections.channels')}>
          <Controller
            control={control}
            name="channels"
            render={({ field, fieldState }) => (
              <Checkbox.Group label={t('consultations.form.fields.channels')} value={field.value} onChange={field.onChange} error={fieldState.error?.message ?? errors.channels?.root?.message}>
                <Group gap="lg" mt="xs">
                  {consultationChannels.map((channel) => (
                    <Checkbox key={channel} value={channel} label={t(`consultations.channels.${channel}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
          />
        </FormSection>

        <FormSection title={t('consultations.form.sections.topics')}>
          <ConsultationFormTopics control={control} register={register} errors={errors} />
        </FormSection>

        <Paper pos="sticky" bottom={0} withBorder shadow="sm" p="sm" radius="md" style={{ zIndex: 5 }} role="group" aria-label={t('consultations.form.actionBar')}>
          <Group justify="space-between" gap="sm">
            <Text size="sm" c={errorCount > 0 ? 'red.9' : 'dimmed'} aria-live="polite">
              {errorCount > 0 ? t('consultations.form.invalid.client', { count: errorCount }) : formState.isDirty && !saved ? t('unsaved.title') : ''}
            </Text>
            <Group gap="sm">
              <Button component={Link} to={cancelTo} variant="default">
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('actions.save')}
              </Button>
            </Group>
          </Group>
        </Paper>
      </Stack>
      {guardDialog}
    </form>
  );
}
