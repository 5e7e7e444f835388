import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Select, SimpleGrid, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { commitmentInputSchema, commitmentStatuses, type CommitmentInput } from '../../../domain/commitment';
import { ApiError, errorMessage } from '../../lib/http';
import { forumChoicesQueryOptions } from '../../lib/shared-queries';
import { confirmDestructive } from '../../ui/confirm-destructive';
import { DateField } from '../../ui/date-field';
import { NumberField, SelectField, TextareaField, TextField } from '../../ui/form-fields';
import { useUnsavedChangesGuard } from '../../ui/use-unsaved-changes-guard';

/** The forums a commitment can come from (newest first). */
const useForumOptions = () => useQuery(forumChoicesQueryOptions());

export interface CommitmentFormProps {
  initial: CommitmentInput;
  /** Saves; a refusal comes back as the thrown ApiError (its field issues go to their fields). */
  onSave: (values: CommitmentInput) => Promise<unknown>;
  saving: boolean;
  readOnly?: boolean;
}

/** A commitment's fields: the forum, text, area, person, due date, status (cancelled asks for a reason, then confirmation), progress. */
export function CommitmentForm({ initial, onSave, saving, readOnly = false }: CommitmentFormProps) {
  const { t } = useTranslation();
  const forums = useForumOptions();
  const form = useForm<CommitmentInput>({ resolver: zodResolver(commitmentInputSchema), defaultValues: initial });
  const { control, formState, setError, reset } = form;
  const status = useWatch({ control, name: 'status' });
  useUnsavedChangesGuard(formState.isDirty && !saving);
  useEffect(() => reset(initial), [initial, reset]);

  const submit = form.handleSubmit(async (values) => {
    const save = async () => {
      try {
        await onSave(values);
        reset(values);
      } catch (error) {
        if (error instanceof ApiError) for (const issue of error.errors) if (issue.path) setError(issue.path as keyof CommitmentInput, { message: issue.message });
        setError('root', { message: error instanceof ApiError ? error.title : errorMessage(error) });
      }
    };
    if (values.status === 'cancelled' && initial.status !== 'cancelled') {
      confirmDestructive({ title: t('commitments.form.confirmCancelTitle'), message: t('commitments.form.confirmCancel'), confirmLabel: t('commitments.form.confirmCancelYes'), cancelLabel: t('commitments.form.keepOpen'), onConfirm: () => void save() });
      return;
    }
    await save();
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <Controller
          control={control}
          name="forumId"
          render={({ field, fieldState }) => (
            <Select
              label={t('commitments.form.forum')}
              data={(forums.data?.items ?? []).map((f) => ({ value: String(f.id), label: `${f.title} (${f.year})` }))}
              value={field.value ? String(field.value) : null}
              onChange={(v) => field.onChange(v ? Number(v) : 0)}
              onBlur={field.onBlur}
              ref={field.ref}
              error={fieldState.error?.message}
              description={initial.questionId ? t('commitments.form.forumOfQuestion') : undefined}
              disabled={readOnly || initial.questionId != null}
              required
              searchable
              allowDeselect={false}
            />
          )}
        />
        <TextareaField control={control} name="text" label={t('commitments.form.text')} autosize minRows={2} required disabled={readOnly} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextField control={control} name="area" label={t('commitments.form.area')} description={t('commitments.form.areaHint')} required disabled={readOnly} />
          <TextField control={control} name="person" label={t('commitments.form.person')} disabled={readOnly} />
          <DateField control={control} name="dueDate" empty="" label={t('commitments.form.dueDate')} required disabled={readOnly} />
          <SelectField
            control={control}
            name="status"
            label={t('commitments.form.status')}
            data={commitmentStatuses.map((s) => ({ value: s, label: t(`commitments.statuses.${s}`) }))}
            allowDeselect={false}
            disabled={readOnly}
          />
          <NumberField control={control} name="progress" label={t('commitments.form.progress')} min={0} max={100} disabled={readOnly} />
        </SimpleGrid>
        {status === 'cancelled' && <TextareaField control={control} name="cancelReason" label={t('commitments.form.cancelReason')} autosize minRows={2} required disabled={readOnly} />}
        {formState.errors.root?.message && (
          <Alert color="red" role="alert">
            {formState.errors.root.message}
          </Alert>
        )}
        {!readOnly && (
          <Group>
            <Button type="submit" loading={saving}>
              {t('commitments.form.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
