import { Alert, Button, List, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { Controller, FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../domain/common';
import { forumLimits, forumStatuses, platforms, type Forum, type ForumInput } from '../../../domain/forum';
import { formatDateTime } from '../../lib/format';
import { errorMessage } from '../../lib/http';
import { ConflictAlert } from '../../ui/conflict-alert';
import { DateField } from '../../ui/date-field';
import { FormSection } from '../../ui/form-section';
import { FormActionBar } from '../../ui/form-action-bar';
import { useVersionedSave } from '../../ui/use-versioned-save';
import { ForumFormActionsList } from './forum-form-actions-list';
import { ForumFormExperts } from './forum-form-experts';
import { ForumFormGuidingQuestions } from './forum-form-guiding-questions';
import { ForumFormPublicQuestions } from './forum-form-public-questions';
import { ForumFormValueGroups } from './forum-form-value-groups';
import { describePath, firstErrorMessage, formIssues, forumFormResolver, toFormPath, toFormValues, type ForumFormValues } from './forum-form-values';
import { usePersonName } from '../../lib/use-person-name';

export interface ForumFormProps {
  initialValues: ForumInput;
  /** The version the edit starts from; absent when creating. */
  initialVersion?: number;
  /** Sends the values (with the version to send, when editing) and resolves with the saved forum. */
  save: (values: ForumInput, version: number | undefined) => Promise<Forum>;
  /** Called once after a save, when leaving is no longer guarded (notify and navigate here). */
  onSaved: (forum: Forum) => void;
  /** A 409 revealed a newer saved version (e.g. to refresh the cache). */
  onNewerVersion?: (current: Forum) => void;
  cancelTo: string;
}

const toNumberOrNull = (value: number | string): number | null => {
  if (typeof value === 'number') return value;
  return value.trim() === '' ? null : Number(value);
};

/**
 * The forum form, for create and edit. Validation is the domain's forumInputSchema (through
 * zodResolver); server problems land at their fields; a 409 keeps what was typed and lets the
 * person load the saved version or overwrite it; leaving with unsaved changes asks first.
 */
export function ForumForm({ initialValues, initialVersion, save, onSaved, onNewerVersion, cancelTo }: ForumFormProps) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const form = useForm<ForumFormValues, unknown, ForumInput>({
    defaultValues: toFormValues(initialValues),
    resolver: forumFormResolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: false,
  });
  const { control, register, formState } = form;
  const errors = formState.errors;
  const { submit, conflict, serverIssues, saveError, saved, busy, errorCount, loadCurrent, overwrite, guardDialog, formRef, alertRef } = useVersionedSave({
    form,
    initialVersion,
    save,
    onSaved,
    onNewerVersion,
    toValues: toFormValues,
    fieldIssues: (issues) => formIssues(issues).map((issue) => ({ path: toFormPath(issue.path), message: issue.message })),
    texts: {
      loaded: (current) => t('forumForm.conflict.loaded', { version: current.version, who: personName(current.updatedBy) }),
      confirmTitle: t('forumForm.conflict.confirmTitle'),
      confirmMessage: t('forumForm.conflict.confirmMessage'),
      confirmLoad: t('forumForm.conflict.confirmLoad'),
      confirmCancel: t('forumForm.conflict.confirmCancel'),
    },
  });

  /** "Título", "Experto 1 · Nombre"… for the server summary; null for problems outside the form. */
  const issueLabel = (issue: FieldIssue): string | null => {
    const { field, row, subfield } = describePath(issue.path);
    if (!formIssues([issue]).length) return null;
    if (row === undefined) return t(`forumForm.fields.${field as keyof ForumInput}`);
    const itemLabels: Record<string, string> = t('forumForm.item', { returnObjects: true });
    const subfieldLabels: Record<string, string> = t('forumForm.subfields', { returnObjects: true });
    const label = itemLabels[field] ?? t(`forumForm.fields.${field as keyof ForumInput}`);
    const sub = subfield ? subfieldLabels[subfield] : undefined;
    return sub ? t('forumForm.invalid.rowField', { label, n: row, field: sub }) : t('forumForm.invalid.row', { label, n: row });
  };

  const platformOptions = platforms.map((value) => ({ value, label: t(`forums.platforms.${value}`) }));
  const statusOptions = forumStatuses.map((value) => ({ value, label: t(`forums.statuses.${value}`) }));

  return (
    <FormProvider {...form}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label={t('forumForm.formLabel')}>
        <Stack gap="lg" maw={1100}>
          {conflict && (
            <ConflictAlert
              title={t('forumForm.conflict.title')}
              message={t('forumForm.conflict.message', { who: personName(conflict.updatedBy), version: conflict.version, when: formatDateTime(conflict.updatedAt) })}
              loadLabel={t('forumForm.conflict.load')}
              overwriteLabel={t('forumForm.conflict.overwrite')}
              busy={busy}
              onLoad={loadCurrent}
              onOverwrite={overwrite}
              alertRef={alertRef}
            />
          )}
          {serverIssues.length > 0 && (
            <Alert ref={alertRef} tabIndex={-1} color="red" role="alert" title={t('forumForm.invalid.title')}>
              <Text size="sm" mb="xs">
                {t('forumForm.invalid.server')}
              </Text>
              <List size="sm">
                {serverIssues.map((issue, i) => {
                  const label = issueLabel(issue);
                  return <List.Item key={`${issue.path}-${i}`}>{label ? `${label}: ${issue.message}` : issue.message}</List.Item>;
                })}
              </List>
            </Alert>
          )}
          {saveError != null && (
            <Alert ref={alertRef} tabIndex={-1} color="red" role="alert" title={t('forumForm.saveError.title')}>
              <Text size="sm">{errorMessage(saveError)}</Text>
              <Text size="sm" mb="sm">
                {t('forumForm.saveError.kept')}
              </Text>
              <Button size="xs" variant="default" onClick={() => void submit()} loading={formState.isSubmitting}>
                {t('actions.retry')}
              </Button>
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t('forumForm.requiredHint')}
          </Text>

          <FormSection title={t('forumForm.sections.general')}>
            <TextInput label={t('forumForm.fields.title')} required {...register('title')} error={errors.title?.message} />
            <TextInput label={t('forumForm.fields.theme')} required {...register('theme')} error={errors.theme?.message} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Controller
                control={control}
                name="year"
                rules={{ deps: ['date'] }}
                render={({ field, fieldState }) => (
                  <NumberInput
                    label={t('forumForm.fields.year')}
                    description={t('forumForm.hints.year')}
                    required
                    name={field.name}
                    ref={field.ref}
                    value={field.value ?? ''}
                    onChange={(value) => field.onChange(toNumberOrNull(value))}
                    onBlur={field.onBlur}
                    allowDecimal={false}
                    allowNegative={false}
                    min={2000}
                    max={2100}
                    clampBehavior="none"
                    error={fieldState.error?.message}
                  />
                )}
              />
              <Controller
                control={control}
                name="status"
                render={({ field, fieldState }) => (
                  <Select
                    label={t('forumForm.fields.status')}
                    required
                    data={statusOptions}
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
            <Textarea label={t('forumForm.fields.objective')} autosize minRows={3} maxRows={12} {...register('objective')} error={errors.objective?.message} />
          </FormSection>

          <FormSection title={t('forumForm.sections.schedule')}>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              <DateField control={control} name="date" label={t('forumForm.fields.date')} description={t('forumForm.hints.date')} />
              <Controller
                control={control}
                name="time"
                render={({ field, fieldState }) => (
                  <TextInput
                    type="time"
                    label={t('forumForm.fields.time')}
                    description={t('forumForm.hints.time')}
                    name={field.name}
                    ref={field.ref}
                    value={field.value ?? ''}
                    onChange={(event) => field.onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
                    onBlur={field.onBlur}
                    error={fieldState.error?.message}
                  />
                )}
              />
              <Controller
                control={control}
                name="durationMinutes"
                render={({ field, fieldState }) => (
                  <NumberInput
                    label={t('forumForm.fields.durationMinutes')}
                    description={t('forumForm.hints.durationMinutes')}
                    name={field.name}
                    ref={field.ref}
                    value={field.value ?? ''}
                    onChange={(value) => field.onChange(toNumberOrNull(value))}
                    onBlur={field.onBlur}
                    allowDecimal={false}
                    allowNegative={false}
                    min={1}
                    max={1440}
                    clampBehavior="none"
                    error={fieldState.error?.message}
                  />
                )}
              />
              <Controller
                control={control}
                name="platform"
                render={({ field, fieldState }) => (
                  <Select
                    label={t('forumForm.fields.platform')}
                    description={t('forumForm.hints.platform')}
                    required
                    data={platformOptions}
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
              <TextInput
                type="url"
                label={t('forumForm.fields.streamUrl')}
                description={t('forumForm.hints.streamUrl')}
                inputMode="url"
                {...register('streamUrl')}
                error={errors.streamUrl?.message}
              />
              <TextInput label={t('forumForm.fields.place')} description={t('forumForm.hints.place')} {...register('place')} error={errors.place?.message} />
            </SimpleGrid>
          </FormSection>

          <FormSection title={t('forumForm.sections.organization')}>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              {(['responsibleTeams', 'alliedEntities'] as const).map((name) => (
                <Controller
                  key={name}
                  control={control}
                  name={name}
                  render={({ field, fieldState }) => (
                    <TagsInput
                      label={t(`forumForm.fields.${name}`)}
                      description={t('forumForm.hints.tags')}
                      name={field.name}
                      ref={field.ref}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      splitChars={['\n']}
                      maxTags={forumLimits.listItems}
                      error={firstErrorMessage(fieldState.error)}
                    />
                  )}
                />
              ))}
            </SimpleGrid>
            <ForumFormValueGroups />
          </FormSection>

          <FormSection title={t('forumForm.sections.people')}>
            <TextInput label={t('forumForm.fields.moderator')} {...register('moderator')} error={errors.moderator?.message} />
            <ForumFormExperts />
          </FormSection>

          <FormSection title={t('forumForm.sections.guidingQuestions')}>
            <ForumFormGuidingQuestions />
          </FormSection>

          <FormSection title={t('forumForm.sections.actions')}>
            <ForumFormActionsList />
          </FormSection>

          <FormSection title={t('forumForm.sections.questions')}>
            <ForumFormPublicQuestions />
          </FormSection>

          <FormActionBar label={t('forumForm.actionBar')} status={errorCount > 0 ? t('forumForm.invalid.client', { count: errorCount }) : formState.isDirty && !saved ? t('unsaved.title') : ''} statusIsError={errorCount > 0} cancelTo={cancelTo} busy={busy} />
        </Stack>
      </form>
      {guardDialog}
    </FormProvider>
  );
}
