import { Alert, Anchor, Button, Fieldset, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../lib/http';
import { reportConflictFrom, useCreateReport, useUpdateReport } from './api';
import type { ReportDataInput, ReportOverview } from './report-types';

interface FormValues {
  year: number | null;
  title: string;
  entity: string;
  strategy: string;
  name: string;
  role: string;
  office: string;
}

const toValues = (data: ReportDataInput, year: number | null): FormValues => ({
  year,
  title: data.title,
  entity: data.entity,
  strategy: data.strategy,
  name: data.preparedBy.name,
  role: data.preparedBy.role,
  office: data.preparedBy.office,
});

const toInput = (values: FormValues): ReportDataInput => ({
  title: values.title.trim(),
  entity: values.entity.trim(),
  strategy: values.strategy.trim(),
  preparedBy: { name: values.name.trim(), role: values.role.trim(), office: values.office.trim() },
});

type Props =
  | { mode: 'create'; opened: boolean; onClose: () => void; defaults: ReportDataInput & { year: number } }
  | { mode: 'edit'; opened: boolean; onClose: () => void; report: ReportOverview };

/** Create a year's report, or edit its data (title, entity, strategy, «Elaboró»); a 409 keeps what was typed. */
export function ReportDataModal(props: Props) {
  const { t } = useTranslation();
  return (
    <Modal closeButtonProps={{ 'aria-label': t('actions.close') }} opened={props.opened} onClose={props.onClose} title={props.mode === 'create' ? t('reports.form.createTitle') : t('reports.form.editTitle')} size="lg" centered>
      {props.opened && <ReportDataForm {...props} />}
    </Modal>
  );
}

function ReportDataForm(props: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateReport();
  const update = useUpdateReport(props.mode === 'edit' ? props.report.year : 0);
  const initial = props.mode === 'create' ? toValues(props.defaults, props.defaults.year) : toValues(props.report, props.report.year);
  const { control, register, handleSubmit, formState, setValue, getFieldState, reset } = useForm<FormValues>({ defaultValues: initial });
  const errors = formState.errors;
  const [version, setVersion] = useState(props.mode === 'edit' ? props.report.version : 0);
  const [conflict, setConflict] = useState<ReportOverview | null>(null);
  const [exists, setExists] = useState<number | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const required = { validate: (v: unknown) => (typeof v === 'string' && v.trim() !== '') || t('reports.form.required') };

  const submit = (versionToSend: number) =>
    handleSubmit(async (values) => {
      setFailure(null);
      setExists(null);
      try {
        if (props.mode === 'create') {
          const report = await create.mutateAsync({ ...toInput(values), year: values.year! });
          notifications.show({ color: 'green', message: t('reports.form.created') });
          props.onClose();
          navigate(`/informes/${report.year}`);
        } else {
          await update.mutateAsync({ ...toInput(values), version: versionToSend });
          notifications.show({ color: 'green', message: t('reports.form.saved') });
          props.onClose();
        }
      } catch (error) {
        const current = props.mode === 'edit' ? reportConflictFrom(error) : null;
        if (current) setConflict(current);
        else if (props.mode === 'create' && error instanceof ApiError && error.status === 409) setExists(values.year);
        else setFailure(error);
      }
    });

  const busy = formState.isSubmitting;
  return (
    <form onSubmit={submit(version)} noValidate>
      <Stack gap="md">
        {conflict && (
          <Alert color="orange" role="alert" title={t('reports.form.conflictTitle')}>
            <Text size="sm" mb="sm">
              {t('reports.form.conflictMessage', { version: conflict.version })}
            </Text>
            <Group gap="sm">
              <Button
                variant="default"
                onClick={() => {
                  reset(toValues(conflict, conflict.year));
                  setVersion(conflict.version);
                  setConflict(null);
                }}
              >
                {t('reports.form.conflictLoad')}
              </Button>
              <Button
                loading={busy}
                onClick={() => {
                  setVersion(conflict.version);
                  setConflict(null);
                  void submit(conflict.version)();
                }}
              >
                {t('reports.form.conflictOverwrite')}
              </Button>
            </Group>
          </Alert>
        )}
        {exists !== null && (
          <Alert color="orange" role="alert" title={t('reports.form.exists')}>
            <Anchor component={Link} to={`/informes/${exists}`} onClick={props.onClose}>
              {t('reports.form.openExisting', { year: exists })}
            </Anchor>
          </Alert>
        )}
        {failure != null && (
          <Alert color="red" role="alert" title={t('state.error')}>
            {errorMessage(failure)}
          </Alert>
        )}
        {props.mode === 'create' && (
          <Controller
            control={control}
            name="year"
            rules={{ validate: (v) => (v !== null && Number.isInteger(v) && v >= 2000 && v <= 2100) || t('reports.form.yearInvalid') }}
            render={({ field, fieldState }) => (
              <NumberInput
                label={t('reports.form.year')}
                description={t('reports.form.yearHint')}
                required
                name={field.name}
                ref={field.ref}
                value={field.value ?? ''}
                onChange={(value) => {
                  const year = typeof value === 'number' ? value : value.trim() === '' ? null : Number(value);
                  field.onChange(year);
                  if (!getFieldState('title').isDirty && year) setValue('title', t('reports.form.defaultTitle', { year }));
                }}
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
        )}
        <TextInput label={t('reports.form.title')} required {...register('title', required)} error={errors.title?.message} />
        <TextInput label={t('reports.form.entity')} description={t('reports.form.entityHint')} required {...register('entity', required)} error={errors.entity?.message} />
        <TextInput label={t('reports.form.strategy')} description={t('reports.form.strategyHint')} required {...register('strategy', required)} error={errors.strategy?.message} />
        <Fieldset legend={t('reports.form.preparedBy')}>
          <Stack gap="sm">
            <TextInput label={t('reports.form.preparedByName')} required {...register('name', required)} error={errors.name?.message} />
            <TextInput label={t('reports.form.preparedByRole')} required {...register('role', required)} error={errors.role?.message} />
            <TextInput label={t('reports.form.preparedByOffice')} required {...register('office', required)} error={errors.office?.message} />
          </Stack>
        </Fieldset>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onClose}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {props.mode === 'create' ? t('reports.form.create') : t('reports.form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
