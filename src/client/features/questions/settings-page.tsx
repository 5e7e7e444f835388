import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Table, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { questionTypes, type QuestionSettings, type QuestionType } from '../../../domain/question';
import { ApiError, errorMessage } from '../../lib/http';
import { confirmDestructive } from '../../ui/confirm-destructive';
import { PageHeader } from '../../ui/page-header';
import { LogoUpload } from '../../ui/logo-upload';
import { useCurrentOrganization } from '../../app/use-current-user';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useUnsavedChangesGuard } from '../../ui/use-unsaved-changes-guard';
import { areasQueryOptions, questionSettingsQueryOptions, useDeleteArea, useSaveArea, useSaveQuestionSettings } from './api';

function AreasPanel() {
  const { t } = useTranslation();
  const areas = useQuery(areasQueryOptions());
  const saveArea = useSaveArea();
  const deleteArea = useDeleteArea();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const add = () =>
    saveArea.mutate(
      { name },
      {
        onSuccess: () => {
          setName('');
          setError(undefined);
          notifications.show({ color: 'green', message: t('questions.settings.areaSaved') });
        },
        onError: (e) => setError(e instanceof ApiError && e.errors[0] ? e.errors[0].message : errorMessage(e)),
      },
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="areas-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="areas-title">
          {t('questions.settings.areas')}
        </Title>
        {areas.isPending ? (
          <LoadingState />
        ) : areas.isError ? (
          <ErrorState error={areas.error} onRetry={() => void areas.refetch()} />
        ) : areas.data.length === 0 ? (
          <EmptyState title={t('questions.settings.noAreas')} />
        ) : (
          <Table>
            <VisuallyHidden component="caption">{t('questions.settings.areasCaption')}</VisuallyHidden>
            <Table.Tbody>
              {areas.data.map((area) => (
                <Table.Tr key={area.id}>
                  <Table.Td>{area.name}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('questions.settings.deleteArea', { name: area.name })}
                      onClick={() =>
                        confirmDestructive({
                          title: t('questions.settings.deleteTitle', { name: area.name }),
                          message: t('questions.settings.deleteMessage'),
                          confirmLabel: t('actions.delete'),
                          onConfirm: () => deleteArea.mutate(area.id),
                        })
                      }
                    >
                      {t('actions.delete')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="flex-end">
          <TextInput label={t('questions.settings.newArea')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} maxLength={200} />
          <Button onClick={add} loading={saveArea.isPending}>
            {t('questions.settings.addArea')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function TermsForm({ initial }: { initial: QuestionSettings & { version: number } }) {
  const { t } = useTranslation();
  const save = useSaveQuestionSettings();
  const [values, setValues] = useState<QuestionSettings>({ terms: initial.terms, retentionMonths: initial.retentionMonths });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const dirty = JSON.stringify(values) !== JSON.stringify({ terms: initial.terms, retentionMonths: initial.retentionMonths });
  const guard = useUnsavedChangesGuard(dirty);
  const setTerm = (type: QuestionType, value: string | number) => setValues({ ...values, terms: { ...values.terms, [type]: typeof value === 'number' ? value : Number.NaN } });
  const submit = () =>
    save.mutate(
      { ...values, version: initial.version },
      {
        onSuccess: () => {
          setErrors({});
          notifications.show({ color: 'green', message: t('questions.settings.saved') });
        },
        onError: (e) => setErrors(e instanceof ApiError ? Object.fromEntries(e.errors.map((i) => [i.path, i.message])) : { form: errorMessage(e) }),
      },
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="terms-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="terms-title">
            {t('questions.settings.terms')}
          </Title>
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {questionTypes.map((type) => (
              <NumberInput key={type} label={t(`questions.types.${type}`)} value={values.terms[type]} onChange={(v) => setTerm(type, v)} min={1} max={90} allowDecimal={false} error={errors[`terms.${type}`]} />
            ))}
          </SimpleGrid>
          <NumberInput
            label={t('questions.settings.retention')}
            description={t('questions.settings.retentionHint')}
            value={values.retentionMonths}
            onChange={(v) => setValues({ ...values, retentionMonths: typeof v === 'number' ? v : Number.NaN })}
            min={1}
            max={120}
            allowDecimal={false}
            error={errors.retentionMonths}
            maw={320}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('questions.settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      {guard}
    </Paper>
  );
}

/** /ajustes (administration): areas that answer questions, legal terms, retention of personal data. */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery(questionSettingsQueryOptions());
  const organization = useCurrentOrganization();
  useDocumentTitle(`${t('questions.settings.title')} · ${t('appName')}`);
  return (
    <>
      <PageHeader title={t('questions.settings.title')} subtitle={t('questions.settings.subtitle')} />
      <Stack gap="lg" maw={900}>
        {/* The organisation's logo: its administrator's, here with the organisation's other settings (not per year). */}
        {organization && <LogoUpload owner={{ ...organization, logo: organization.logo ?? null }} endpoint="/api/organization/logo" />}
        <AreasPanel />
        {settings.isPending ? (
          <LoadingState />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <TermsForm key={settings.data.version} initial={settings.data} />
        )}
      </Stack>
    </>
  );
}
