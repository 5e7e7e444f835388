import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { Controller, useForm, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { consultationChannels, consultationInputSchema, consultationStatuses, moveDateToYear, type Consultation, type ConsultationInput } from '../../../domain/consultation';
import { formatDateTime } from '../../lib/format';
import { ConflictAlert } from '../../ui/conflict-alert';
import { SaveErrorAlert, ServerIssuesAlert } from '../../ui/save-alerts';
import { DateField } from '../../ui/date-field';
import { FormSection } from '../../ui/form-section';
import { FormActionBar } from '../../ui/form-action-bar';
import { useVersionedSave } from '../../ui/use-versioned-save';
import { ConsultationFormTopics } from './consultation-form-topics';
import { usePersonName } from '../../lib/use-person-name';

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
    note: input.note ?? '',
    topics: input.topics.map((topic) => ({ ...(topic.id !== undefined ? { id: topic.id } : {}), title: topic.title, description: topic.description, proposingTeam: topic.proposingTeam })),
  };
}

const resolver = zodResolver(consultationInputSchema) as unknown as Resolver<ConsultationFormValues, unknown, ConsultationInput>;

const formFields = new Set(['year', 'title', 'openDate', 'closeDate', 'channels', 'status', 'note', 'topics']);
const isFormPath = (path: string) => formFields.has(path.split('.')[0]);

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
  const personName = usePersonName();
  const form = useForm<ConsultationFormValues, unknown, ConsultationInput>({
    defaultValues: toConsultationFormValues(initialValues),
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: false,
  });
  const { control, register, formState } = form;
  const errors = formState.errors;
  // The consultation that already holds the chosen year (a 409 on save): linked from the alert.
  const [yearTakenBy, setYearTakenBy] = useState<{ id: number; year: number } | null>(null);
  const { submit, conflict, serverIssues, saveError, saved, busy, errorCount, loadCurrent, overwrite, guardDialog, formRef, alertRef } = useVersionedSave({
    form,
    initialVersion,
    save: (values, version) => {
      setYearTakenBy(null);
      return save(values, version);
    },
    onSaved,
    onNewerVersion,
    toValues: toConsultationFormValues,
    fieldIssues: (issues) => issues.filter((issue) => issue.path && isFormPath(issue.path)),
    onFieldProblem: (error) => {
      const takenBy = error.body.consultationId;
      const year = form.getValues('year');
      setYearTakenBy(error.status === 409 && typeof takenBy === 'number' && year !== null ? { id: takenBy, year } : null);
    },
    texts: {
      loaded: (current) => t('consultations.form.conflict.loaded', { version: current.version, who: personName(current.updatedBy) }),
      confirmTitle: t('consultations.form.conflict.confirmTitle'),
      confirmMessage: t('consultations.form.conflict.confirmMessage'),
      confirmLoad: t('consultations.form.conflict.confirmLoad'),
      confirmCancel: t('consultations.form.conflict.confirmCancel'),
    },
  });

  // The period follows the «Vigencia»: when the year changes, a date that was in the previous year moves to the new
  // one (month and day kept); a date the person put in yet another year stays, and the rule shows at its field.
  const lastYear = useRef<number | null>(initialValues.year);
  const followYear = (year: number | null) => {
    const previous = lastYear.current;
    if (year === null || !Number.isInteger(year) || year < 2000 || year > 2100) return;
    lastYear.current = year;
    if (previous === null || previous === year) return;
    for (const name of ['openDate', 'closeDate'] as const) {
      const date = form.getValues(name);
      if (date && Number(date.slice(0, 4)) === previous) form.setValue(name, moveDateToYear(date, year), { shouldDirty: true, shouldValidate: formState.isSubmitted });
    }
  };

  const dateInput = (name: 'openDate' | 'closeDate') => (
    <DateField control={control} name={name} empty="" required label={t(`consultations.form.fields.${name}`)} deps={name === 'openDate' ? ['closeDate'] : undefined} />
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t('consultations.form.formLabel')}>
      <Stack gap="lg" maw={1000}>
        {conflict && (
          <ConflictAlert
            title={t('consultations.form.conflict.title')}
            message={t('consultations.form.conflict.message', { who: personName(conflict.updatedBy), version: conflict.version, when: formatDateTime(conflict.updatedAt) })}
            loadLabel={t('consultations.form.conflict.load')}
            overwriteLabel={t('consultations.form.conflict.overwrite')}
            busy={busy}
            onLoad={loadCurrent}
            onOverwrite={overwrite}
            alertRef={alertRef}
          />
        )}
        {serverIssues.length > 0 && !conflict && (
          <ServerIssuesAlert title={t('consultations.form.invalid.title')} intro={t('consultations.form.invalid.server')} issues={serverIssues} alertRef={alertRef}>
            {yearTakenBy && (
              <Anchor component={Link} to={`/consultas/${yearTakenBy.id}`} size="sm" mt="xs" display="inline-block">
                {t('consultations.form.openTakenYear', { year: yearTakenBy.year })}
              </Anchor>
            )}
          </ServerIssuesAlert>
        )}
        {saveError != null && (
          <SaveErrorAlert title={t('consultations.form.saveError.title')} error={saveError} kept={t('consultations.form.saveError.kept')} alertRef={alertRef} />
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
              rules={{ deps: ['openDate', 'closeDate'] }}
              render={({ field, fieldState }) => (
                <NumberInput
                  label={t('consultations.form.fields.year')}
                  required
                  name={field.name}
                  ref={field.ref}
                  value={field.value ?? ''}
                  onChange={(value) => {
                    const year = typeof value === 'number' ? value : value.trim() === '' ? null : Number(value);
                    field.onChange(year);
                    followYear(year);
                  }}
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
          <Textarea
            label={t('consultations.form.fields.note')}
            description={t('consultations.form.fields.noteHint')}
            autosize
            minRows={2}
            maxRows={6}
            {...register('note')}
            error={errors.note?.message}
          />
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

        <FormActionBar label={t('consultations.form.actionBar')} status={errorCount > 0 ? t('consultations.form.invalid.client', { count: errorCount }) : formState.isDirty && !saved ? t('unsaved.title') : ''} statusIsError={errorCount > 0} cancelTo={cancelTo} busy={busy} />
      </Stack>
      {guardDialog}
    </form>
  );
}
