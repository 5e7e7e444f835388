import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { publicationSettingsSchema, type PublicationSettings, type PublicationSettingsInput, type PublicationState } from '../../../domain/publication';
import { formatDateTime, formatInteger } from '../../lib/format';
import { errorMessage } from '../../lib/http';
import { routeYear } from '../../lib/route-params';
import { usePersonName } from '../../lib/use-person-name';
import { confirmDestructive } from '../../ui/confirm-destructive';
import { ConflictAlert } from '../../ui/conflict-alert';
import { SaveErrorAlert, ServerIssuesAlert } from '../../ui/save-alerts';
import { CheckboxField, TagsField, TextareaField, TextField } from '../../ui/form-fields';
import { FormSection } from '../../ui/form-section';
import { NotFoundState } from '../../ui/not-found-state';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { useVersionedSave } from '../../ui/use-versioned-save';
import { WideTable } from '../../ui/wide-table';
import { publicationQueryOptions, usePublishReport, useSavePublication } from './api';

/** /publicacion/:year: what the public «Participa» pages show of the year, and the published report's versions. */
export function PublicationPage() {
  const { t } = useTranslation();
  const year = routeYear(useParams().year);
  const query = useQuery({ ...publicationQueryOptions(year ?? 0), enabled: year !== null });
  if (year === null) return <NotFoundState title={t('publication.notFound')} hint="" backTo="/publicacion" backLabel={t('publication.back')} />;
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const state = query.data;
  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader
        title={t('publication.title', { year })}
        subtitle={t('publication.subtitle', { year })}
        actions={
          <>
            <Button component={Link} to="/publicacion" variant="default">
              {t('publication.back')}
            </Button>
            <Button component="a" href={state.publicPath} target="_blank" rel="noopener" variant="outline" aria-describedby="preview-hint">
              {t('publication.preview')}
            </Button>
          </>
        }
      />
      <Text id="preview-hint" size="sm" c="dimmed" mt={-24}>
        {t('publication.previewHint')}
      </Text>
      <PublishedReport state={state} />
      {/* A saved version remounts the form from the answer (its version, its values). */}
      <PublicationForm key={state.version} state={state} />
    </Stack>
  );
}

function PublishedReport({ state }: { state: PublicationState }) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const publish = usePublishReport(state.year);
  const ready = state.report.exists && state.report.approved;
  const ask = () =>
    confirmDestructive({
      title: t('publication.report.confirmTitle'),
      message: t('publication.report.confirmMessage'),
      confirmLabel: t('publication.report.confirm'),
      onConfirm: () =>
        publish.mutate(undefined, {
          onSuccess: (next) => notifications.show({ color: 'green', message: t('publication.report.published', { number: next.published[0]?.number ?? 1 }) }),
        }),
    });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="published-report-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="published-report-title">
          {t('publication.report.title')}
        </Title>
        <Text size="sm" id="publish-reason">
          {!state.report.exists ? t('publication.report.noReport') : state.report.approved ? t('publication.report.ready') : t('publication.report.notApproved')}
        </Text>
        {publish.isError && (
          <Alert color="red" role="alert" title={t('state.error')}>
            {errorMessage(publish.error)}
          </Alert>
        )}
        {state.published.length === 0 ? (
          <Text size="sm">{t('publication.report.none')}</Text>
        ) : (
          <>
            {!state.settings.show.report && (
              <Text size="sm" c="orange.9">
                {t('publication.report.hiddenWhileOff')}
              </Text>
            )}
            <WideTable label={t('publication.report.versionsLabel')} minWidth={640}>
              <Table aria-label={t('publication.report.versionsLabel')} striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('publication.report.columns.number')}</Table.Th>
                    <Table.Th scope="col">{t('publication.report.columns.date')}</Table.Th>
                    <Table.Th scope="col">{t('publication.report.columns.by')}</Table.Th>
                    <Table.Th scope="col">{t('publication.report.columns.sha')}</Table.Th>
                    <Table.Th scope="col">{t('publication.report.columns.bytes')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {state.published.map((p, i) => (
                    <Table.Tr key={p.number}>
                      <Table.Th scope="row">
                        {p.number}{' '}
                        {i === 0 && (
                          <Badge color="green.9" variant="filled" size="sm">
                            {t('publication.report.current')}
                          </Badge>
                        )}
                      </Table.Th>
                      <Table.Td>{formatDateTime(p.publishedAt)}</Table.Td>
                      <Table.Td>{personName(p.publishedBy)}</Table.Td>
                      <Table.Td>
                        <Code style={{ overflowWrap: 'anywhere' }}>{p.sha256}</Code>
                      </Table.Td>
                      <Table.Td>{t('publication.report.bytes', { bytes: formatInteger(p.bytes) })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </WideTable>
          </>
        )}
        <Group>
          <Button onClick={ask} disabled={!ready} aria-describedby="publish-reason" loading={publish.isPending}>
            {state.published.length === 0 ? t('publication.report.publish') : t('publication.report.publishNew')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

const resolver = zodResolver(publicationSettingsSchema) as unknown as Resolver<PublicationSettingsInput, unknown, PublicationSettings>;
type SavedState = PublicationState & { updatedBy: string };
const asSaved = (s: PublicationState): SavedState => ({ ...s, updatedBy: s.updatedBy ?? '' });

function iframeSnippet(origin: string, path: string, title: string) {
  return `<iframe src="${origin}${path}" title="${title.replace(/"/g, '&quot;')}" width="100%" height="900" style="border:0" loading="lazy"></iframe>`;
}

function PublicationForm({ state }: { state: PublicationState }) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const save = useSavePublication(state.year);
  const form = useForm<PublicationSettingsInput, unknown, PublicationSettings>({ defaultValues: state.settings, resolver, mode: 'onSubmit', reValidateMode: 'onChange', shouldFocusError: false });
  const { control } = form;
  const { submit, conflict, serverIssues, saveError, busy, loadCurrent, overwrite, guardDialog, formRef, alertRef } = useVersionedSave({
    form,
    initialVersion: state.version,
    // The answer replaces the cached publication, which remounts this form from it (key = version): the
    // notification goes out here, before that, rather than from onSaved in a form that may be gone.
    save: async (values, version) => {
      const state = asSaved(await save.mutateAsync({ ...values, version: version ?? 0 }));
      notifications.show({ color: 'green', message: t('publication.form.saved') });
      return state;
    },
    onSaved: () => {},
    toValues: (record) => record.settings,
    fieldIssues: (issues) => issues.filter((issue) => issue.path && issue.path !== 'version'),
    texts: {
      loaded: (current) => t('publication.form.conflict.loaded', { version: current.version, who: personName(current.updatedBy) }),
      confirmTitle: t('publication.form.conflict.confirmTitle'),
      confirmMessage: t('publication.form.conflict.confirmMessage'),
      confirmLoad: t('publication.form.conflict.confirmLoad'),
      confirmCancel: t('publication.form.conflict.confirmCancel'),
    },
  });
  const entityName = useWatch({ control, name: 'entityName' });
  const snippet = iframeSnippet(window.location.origin, state.publicPath, `Rendición de cuentas ${state.year}${entityName ? ` — ${entityName}` : ''}`);

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t('publication.form.label')}>
      <Stack gap="lg">
        {guardDialog}
        {conflict && (
          <ConflictAlert
            title={t('publication.form.conflict.title')}
            message={t('publication.form.conflict.message', { who: personName(conflict.updatedBy), version: conflict.version })}
            loadLabel={t('publication.form.conflict.load')}
            overwriteLabel={t('publication.form.conflict.overwrite')}
            busy={busy}
            onLoad={loadCurrent}
            onOverwrite={overwrite}
            alertRef={alertRef}
          />
        )}
        {serverIssues.length > 0 && !conflict && (
          <ServerIssuesAlert title={t('publication.form.invalidTitle')} intro={t('publication.form.invalidServer')} issues={serverIssues} alertRef={alertRef} />
        )}
        {saveError != null && (
          <SaveErrorAlert title={t('publication.form.saveErrorTitle')} error={saveError} kept={t('publication.form.saveErrorKept')} alertRef={alertRef} />
        )}
        <FormSection title={t('publication.form.parts')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <CheckboxField control={control} name="show.calendar" label={t('publication.form.show.calendar')} />
            <CheckboxField control={control} name="show.consultation" label={t('publication.form.show.consultation')} />
            <CheckboxField control={control} name="show.report" label={t('publication.form.show.report')} />
            <CheckboxField control={control} name="show.openData" label={t('publication.form.show.openData')} />
            <CheckboxField control={control} name="show.questions" label={t('publication.form.show.questions')} description={t('publication.form.questionsHint')} />
            <CheckboxField control={control} name="show.commitments" label={t('publication.form.show.commitments')} description={t('publication.form.commitmentsHint')} />
          </SimpleGrid>
          <CheckboxField control={control} name="consultationOpen" label={t('publication.form.consultationOpen')} description={t('publication.form.consultationOpenHint')} />
        </FormSection>
        <FormSection title={t('publication.form.look')}>
          <TextField control={control} name="entityName" label={t('publication.form.entityName')} required />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextField control={control} name="logoUrl" label={t('publication.form.logoUrl')} description={t('publication.form.logoUrlHint')} />
            <TextField control={control} name="primaryColour" label={t('publication.form.primaryColour')} description={t('publication.form.primaryColourHint')} required />
          </SimpleGrid>
        </FormSection>
        <FormSection title={t('publication.form.privacy')}>
          <TextareaField control={control} name="privacyNotice" label={t('publication.form.privacyNotice')} description={t('publication.form.privacyNoticeHint')} autosize minRows={3} />
        </FormSection>
        <FormSection title={t('publication.form.licence')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextField control={control} name="licenceName" label={t('publication.form.licenceName')} required />
            <TextField control={control} name="licenceUrl" label={t('publication.form.licenceUrl')} />
          </SimpleGrid>
        </FormSection>
        <FormSection title={t('publication.form.embedding')}>
          <TagsField control={control} name="frameOrigins" label={t('publication.form.frameOrigins')} description={t('publication.form.frameOriginsHint')} />
          <Text size="sm" fw={600} id="iframe-snippet-label">
            {t('publication.form.snippet')}
          </Text>
          <Code block aria-labelledby="iframe-snippet-label" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {snippet}
          </Code>
        </FormSection>
        <Group>
          <Button type="submit" loading={busy}>
            {t('publication.form.save')}
          </Button>
          <Anchor href={state.publicPath} target="_blank" rel="noopener">
            {t('publication.preview')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
