import { confirmDestructive } from '../../ui/confirm-destructive';
import { ActionIcon, Badge, Button, Group, Modal, Pagination, Select, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consultationChannels, responseValueGroupKinds, type Consultation, type ConsultationChannel, type ResponseValueGroupKind } from '../../../domain/consultation';
import { formatInteger, formatShortDate } from '../../lib/format';
import { errorMessage } from '../../lib/http';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { consultationResponsesQueryOptions, useDeleteResponse } from './api';
import { ResponseCells, ResponseColumnHeads } from './consultation-response-cells';
import { ConsultationResponseForm } from './consultation-response-form';
import { ConsultationStatusNotice } from './consultation-status-notice';
import type { ConsultationResponse } from './consultation-types';
import { useCanWriteConsultations } from './use-can-write-consultations';
import { WideTable } from '../../ui/wide-table';

const pageSize = 20;

/** Respuestas: one page of responses with filters; never a name or an e-mail (they are not stored). Writers add and delete. */
export function ConsultationResponsesTab({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const canWrite = useCanWriteConsultations();
  const [page, setPage] = useState(1);
  const [topicId, setTopicId] = useState<number | undefined>();
  const [kind, setKind] = useState<ResponseValueGroupKind | undefined>();
  const [channel, setChannel] = useState<ConsultationChannel | undefined>();
  const [adding, setAdding] = useState(false);
  const query = { page, pageSize, topicId, valueGroupKind: kind, channel };
  const responses = useQuery(consultationResponsesQueryOptions(consultation.id, query));
  const deleteResponse = useDeleteResponse(consultation.id);
  const topicTitle = new Map(consultation.topics.map((topic) => [topic.id, topic.title]));
  const open = consultation.status === 'open';
  const filtered = topicId !== undefined || kind !== undefined || channel !== undefined;

  const clearLabel = (label: string) => ({ 'aria-label': t('consultations.responses.clearField', { label }) });
  const confirmDelete = (response: ConsultationResponse) =>
    confirmDestructive({
      title: t('consultations.responses.deleteTitle'),
      message: t('consultations.responses.deleteText'),
      confirmLabel: t('consultations.responses.deleteConfirm'),
      onConfirm: () =>
        deleteResponse.mutate(response.id, {
          onSuccess: () => notifications.show({ color: 'green', message: t('consultations.responses.deleted') }),
          onError: (error) => notifications.show({ color: 'red', title: t('consultations.responses.deleteFailed'), message: errorMessage(error), autoClose: false }),
        }),
    });

  const renderTable = () => {
    if (responses.isPending) return <LoadingState label={t('consultations.responses.loading')} />;
    if (responses.isError) return <ErrorState error={responses.error} onRetry={() => void responses.refetch()} />;
    const { items, total } = responses.data;
    if (items.length === 0) return <EmptyState title={filtered ? t('consultations.responses.noMatches') : t('consultations.responses.empty')} />;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const from = (responses.data.page - 1) * pageSize + 1;
    return (
      <>
        <WideTable label={t('consultations.responses.caption')} minWidth={900}>
          <Table striped verticalSpacing="xs" aria-busy={responses.isPlaceholderData}>
            <VisuallyHidden component="caption">{t('consultations.responses.caption')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <ResponseColumnHeads />
                {canWrite && <Table.Th scope="col">{t('consultations.responses.columns.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((response) => (
                <Table.Tr key={response.id}>
                  <ResponseCells
                    response={response}
                    topicTitle={topicTitle}
                    late={
                      <Badge ml={6} variant="outline" color="orange.9" tt="none" fw={600}>
                        {t('consultations.responses.late')}
                      </Badge>
                    }
                  />
                  {canWrite && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red.9"
                        aria-label={t('consultations.responses.delete', { date: formatShortDate(response.date) })}
                        onClick={() => confirmDelete(response)}
                      >
                        <span aria-hidden="true">✕</span>
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
        <Group justify="space-between" mt="md" wrap="wrap" gap="sm">
          <Text size="sm" role="status">
            {t('pagination.summary', { from: formatInteger(from), to: formatInteger(from + items.length - 1), total: formatInteger(total) })}
          </Text>
          {pages > 1 && (
            <nav aria-label={t('pagination.label')}>
              <Pagination
                total={pages}
                value={page}
                onChange={setPage}
                getItemProps={(n) => ({ 'aria-label': t('consultations.responses.page', { page: formatInteger(n) }) })}
                getControlProps={(control) => ({
                  'aria-label': {
                    first: t('consultations.responses.firstPage'),
                    previous: t('consultations.responses.previousPage'),
                    next: t('consultations.responses.nextPage'),
                    last: t('consultations.responses.lastPage'),
                  }[control],
                })}
              />
            </nav>
          )}
        </Group>
      </>
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t('consultations.responses.privacy')}
        </Text>
        {canWrite && (
          <Group gap="sm">
            <ConsultationStatusNotice consultation={consultation} action="add" />
            <Button onClick={() => setAdding(true)} disabled={!open}>
              {t('consultations.responses.add')}
            </Button>
          </Group>
        )}
      </Group>
      <form role="search" aria-label={t('consultations.responses.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('consultations.responses.topic')}
            placeholder={t('consultations.responses.allTopics')}
            data={consultation.topics.map((topic) => ({ value: String(topic.id), label: topic.title }))}
            value={topicId !== undefined ? String(topicId) : null}
            onChange={(value) => {
              setTopicId(value ? Number(value) : undefined);
              setPage(1);
            }}
            clearable
            clearButtonProps={clearLabel(t('consultations.responses.topic'))}
          />
          <Select
            label={t('consultations.responses.kind')}
            placeholder={t('consultations.responses.allKinds')}
            data={responseValueGroupKinds.map((value) => ({ value, label: t(`consultations.kinds.${value}`) }))}
            value={kind ?? null}
            onChange={(value) => {
              setKind(responseValueGroupKinds.find((k) => k === value));
              setPage(1);
            }}
            clearable
            clearButtonProps={clearLabel(t('consultations.responses.kind'))}
          />
          <Select
            label={t('consultations.responses.channel')}
            placeholder={t('consultations.responses.allChannels')}
            data={consultationChannels.map((value) => ({ value, label: t(`consultations.channels.${value}`) }))}
            value={channel ?? null}
            onChange={(value) => {
              setChannel(consultationChannels.find((c) => c === value));
              setPage(1);
            }}
            clearable
            clearButtonProps={clearLabel(t('consultations.responses.channel'))}
          />
        </SimpleGrid>
      </form>
      {renderTable()}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('consultations.responses.form.title')} size="lg" closeButtonProps={{ 'aria-label': t('actions.close') }}>
        {adding && (
          <ConsultationResponseForm
            consultation={consultation}
            onCancel={() => setAdding(false)}
            onDone={() => {
              setAdding(false);
              notifications.show({ color: 'green', message: t('consultations.responses.form.saved') });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
