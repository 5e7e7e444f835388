import { Anchor, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatCount } from '../../../domain/metrics-format';
import { questionImportPersonalRoles, questionImportRoles, suggestQuestionMapping, type QuestionImportResult, type QuestionImportRole } from '../../../domain/question-import';
import { useCan } from '../../app/use-current-user';
import { formatLocalDateTime, formatShortDate } from '../../lib/format';
import { forumChoicesQueryOptions } from '../../lib/shared-queries';
import { ForbiddenPage } from '../../ui/forbidden-page';
import { MappedImport } from '../../ui/mapped-import/mapped-import';
import { useMappedImport } from '../../ui/mapped-import/use-mapped-import';
import { PageHeader } from '../../ui/page-header';
import { WideTable } from '../../ui/wide-table';
import { questionImportCommit, questionImportDryRun, useInvalidateAfterQuestionImport } from './api';

/** «2022-06-20T10:15» (the organisation's clock, as typed) as the app writes a date and time. */
const receivedText = (value: string) => formatLocalDateTime(value);

function Preview({ result }: { result: QuestionImportResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm" role="status">
        {t('questions.import.summary', { total: formatCount(result.total), accepted: formatCount(result.accepted), forums: formatCount(result.forums) })}
      </Text>
      <Text size="sm">{t('questions.import.personal', { count: formatCount(result.withPersonalData) })}</Text>
      {result.minorsWithoutData > 0 && <Text size="sm">{t('questions.import.minors', { count: formatCount(result.minorsWithoutData) })}</Text>}
      {result.droppedColumns.length > 0 && <Text size="sm">{t('questions.import.dropped', { columns: result.droppedColumns.join(', ') })}</Text>}
      <WideTable label={t('questions.import.previewRows')} minWidth={880}>
        <Table striped withTableBorder verticalSpacing="xs">
          <caption style={{ captionSide: 'top', textAlign: 'left', paddingBottom: 4 }}>{t('questions.import.previewRows')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('questions.import.columns.row')}</Table.Th>
              <Table.Th scope="col">{t('questions.import.columns.forum')}</Table.Th>
              <Table.Th scope="col">{t('questions.import.columns.received')}</Table.Th>
              <Table.Th scope="col">{t('questions.import.columns.channel')}</Table.Th>
              <Table.Th scope="col">{t('questions.import.columns.type')}</Table.Th>
              <Table.Th scope="col">{t('questions.import.columns.text')}</Table.Th>
              <Table.Th scope="col">{t('questions.import.columns.due')}</Table.Th>
              <Table.Th scope="col">{t('questions.import.columns.personal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.preview.map((q) => (
              <Table.Tr key={q.row}>
                <Table.Td>{q.row}</Table.Td>
                <Table.Td>{q.forumTitle}</Table.Td>
                <Table.Td>{receivedText(q.receivedAt)}</Table.Td>
                <Table.Td>{t(`questions.channels.${q.channel}`)}</Table.Td>
                <Table.Td>{t(`questions.types.${q.type}`)}</Table.Td>
                <Table.Td>{q.text}</Table.Td>
                <Table.Td>{q.dueDate ? formatShortDate(q.dueDate) : '—'}</Table.Td>
                <Table.Td>{q.withPersonalData ? t('questions.import.withData') : t('questions.import.withoutData')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    </Stack>
  );
}

/** «One forum for every row»: a moderator's sheet is usually a single forum's; '' reads each row's forum column. */
function ForumChoice({ value, onChange, disabled }: { value: string; onChange: (value: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const forums = useQuery(forumChoicesQueryOptions());
  const items = forums.data?.items ?? [];
  return (
    <NativeSelect
      label={t('questions.import.forumChoice')}
      description={value === '' ? t('questions.import.forumChoiceHint') : t('questions.import.forumChoiceChosen')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      disabled={disabled || forums.isPending}
      error={forums.isError ? t('questions.import.forumChoiceError') : undefined}
      data={[{ value: '', label: t('questions.import.forumChoiceFromFile') }, ...items.map((f) => ({ value: String(f.id), label: t('questions.import.forumChoiceOption', { title: f.title, year: f.year }) }))]}
      maw={560}
    />
  );
}

/**
 * /preguntas/importar: questions from a Forms export or a moderator's sheet, through the shared mapped import
 * (mapping, the route's dry run as preview, confirm; all or nothing), with one forum for every row if chosen.
 * Editors and admins only.
 */
export function QuestionImportPage() {
  const { t } = useTranslation();
  const canWrite = useCan('writeQuestions');
  const invalidate = useInvalidateAfterQuestionImport();
  const [forumId, setForumId] = useState('');
  const importer = useMappedImport<QuestionImportRole, QuestionImportResult>({
    roles: questionImportRoles,
    ignoreRole: 'ignore',
    suggest: suggestQuestionMapping,
    rememberKey: 'foros:preguntas:importar:columnas',
    choices: { forumId: forumId === '' ? null : Number(forumId) },
    dryRun: questionImportDryRun,
    commit: questionImportCommit,
    onDone: () => void invalidate(),
  });
  useDocumentTitle(`${t('questions.import.title')} · ${t('appName')}`);
  if (!canWrite) return <ForbiddenPage />;
  return (
    <>
      <Anchor component={Link} to="/preguntas" size="sm">
        {t('questions.import.back')}
      </Anchor>
      <PageHeader title={t('questions.import.title')} />
      <MappedImport
        importer={importer}
        title={t('questions.import.title')}
        hint={t('questions.import.hint')}
        roles={questionImportRoles}
        ignoreRole="ignore"
        personalRole={questionImportPersonalRoles}
        roleLabel={(role) => t(`questions.import.roles.${role}`)}
        canConfirm={(r) => r.accepted > 0}
        rowsToSave={(r) => r.accepted}
        doneText={(r, name) => t('questions.import.done', { formatted: formatCount(r.accepted), name })}
        renderPreview={(r) => <Preview result={r} />}
        options={
          <ForumChoice
            value={forumId}
            disabled={importer.commit.isPending}
            onChange={(value) => {
              setForumId(value);
              importer.resetPreview();
            }}
          />
        }
      />
    </>
  );
}
