import { Alert, Button, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../domain/common';
import { forumLimits, forumStatuses, platforms, type Forum, type ForumInput } from '../../../domain/forum';
import { formatDateTime } from '../../lib/format';
import { errorMessage } from '../../lib/http';
import { ConflictAlert } from '../../ui/conflict-alert';
import { NumberField, SelectField, TagsField, TextareaField, TextField } from '../../ui/form-fields';
import { DateField } from '../../ui/date-field';
import { FormSection } from '../../ui/form-section';
import { FormActionBar } from '../../ui/form-action-bar';
import { useVersionedSave } from '../../ui/use-versioned-save';
import { ForumFormActionsList } from './forum-form-actions-list';
import { ForumFormExperts } from './forum-form-experts';
import { ForumFormGuidingQuestions } from './forum-form-guiding-questions';
import { ForumFormPublicQuestions } from './forum-form-public-questions';
import { ForumFormValueGroups } from './forum-form-value-groups';
import { describePath, formIssues, forumFormResolver, toFormPath, toFormValues, type ForumFormValues } from './forum-form-values';
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
  const { control, formState } = form;
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
            <TextField control={control} name="title" label={t('forumForm.fields.title')} required />
            <TextField control={control} name="theme" label={t('forumForm.fields.theme')} required />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <NumberField
                control={control}
                name="year"
                deps={['date']}
                label={t('forumForm.fields.year')}
                description={t('forumForm.hints.year')}
                required
                allowDecimal={false}
                allowNegative={false}
                min={2000}
                max={2100}
                clampBehavior="none"
              />
              <SelectField control={control} name="status" label={t('forumForm.fields.status')} required data={statusOptions} />
            </SimpleGrid>
            <TextareaField control={control} name="objective" label={t('forumForm.fields.objective')} autosize minRows={3} maxRows={12} />
          </FormSection>

          <FormSection title={t('forumForm.sections.schedule')}>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              <DateField control={control} name="date" label={t('forumForm.fields.date')} description={t('forumForm.hints.date')} />
              <TextField control={control} name="time" emptyAsNull type="time" label={t('forumForm.fields.time')} description={t('forumForm.hints.time')} />
              <NumberField
                control={control}
                name="durationMinutes"
                label={t('forumForm.fields.durationMinutes')}
                description={t('forumForm.hints.durationMinutes')}
                allowDecimal={false}
                allowNegative={false}
                min={1}
                max={1440}
                clampBehavior="none"
              />
              <SelectField control={control} name="platform" label={t('forumForm.fields.platform')} description={t('forumForm.hints.platform')} required data={platformOptions} />
              <TextField control={control} name="streamUrl" type="url" inputMode="url" label={t('forumForm.fields.streamUrl')} description={t('forumForm.hints.streamUrl')} />
              <TextField control={control} name="place" label={t('forumForm.fields.place')} description={t('forumForm.hints.place')} />
            </SimpleGrid>
          </FormSection>

          <FormSection title={t('forumForm.sections.organization')}>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              {(['responsibleTeams', 'alliedEntities'] as const).map((name) => (
                <TagsField
                  key={name}
                  control={control}
                  name={name}
                  label={t(`forumForm.fields.${name}`)}
                  description={t('forumForm.hints.tags')}
                  splitChars={['\n']}
                  maxTags={forumLimits.listItems}
                />
              ))}
            </SimpleGrid>
            <ForumFormValueGroups />
          </FormSection>

          <FormSection title={t('forumForm.sections.people')}>
            <TextField control={control} name="moderator" label={t('forumForm.fields.moderator')} />
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
