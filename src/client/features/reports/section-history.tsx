import { Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { errorMessage } from '../../lib/http';
import { ErrorState, LoadingState } from '../../ui/states';
import { diffQueryOptions, revisionsQueryOptions, useRestoreRevision } from './api';
import { DiffText } from './diff-text';
import type { ReportRevision, ReportSection } from './report-types';
import { usePersonName } from '../../lib/use-person-name';

interface Props {
  section: ReportSection;
  canRestore: boolean;
  /** Why a restore must wait (unsaved text), or null. */
  restoreBlocked: string | null;
  /** The version to restore on top of (the editor's, which moves with its saves). */
  currentVersion: () => number;
  onRestored: (section: ReportSection) => void;
}

/** Revisions of a section, a word diff between any two, and (writers) restoring one as a new revision. */
export function SectionHistory({ section, canRestore, restoreBlocked, currentVersion, onRestored }: Props) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const revisions = useQuery(revisionsQueryOptions(section.year, section.id));
  const restore = useRestoreRevision(section.year, section.id);
  const [pick, setPick] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  const [compared, setCompared] = useState<{ from: number; to: number } | null>(null);

  const items = [...(revisions.data ?? [])].sort((a, b) => b.number - a.number);
  // Defaults: the two latest revisions.
  const from = pick.from ?? items[1]?.id ?? null;
  const to = pick.to ?? items[0]?.id ?? null;
  const diff = useQuery({ ...diffQueryOptions(section.year, section.id, compared?.from ?? 0, compared?.to ?? 0), enabled: compared !== null });
  const byId = new Map(items.map((r) => [r.id, r]));

  const confirmRestore = (revision: ReportRevision) =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': t('actions.close') },
      title: t('reports.history.restoreTitle', { n: revision.number }),
      children: <Text size="sm">{t('reports.history.restoreMessage', { n: revision.number })}</Text>,
      labels: { confirm: t('reports.history.restoreConfirm'), cancel: t('actions.cancel') },
      onConfirm: () =>
        restore.mutate(
          { revisionId: revision.id, version: currentVersion() },
          {
            onSuccess: (restored) => {
              notifications.show({ color: 'green', message: t('reports.history.restored') });
              onRestored(restored);
            },
            onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
          },
        ),
    });

  const options = items.map((r) => ({ value: String(r.id), label: `${t('reports.history.revision', { n: r.number })} · ${r.editedBy}` }));

  return (
    <section aria-labelledby="history-title">
      <Title order={2} size="h4" id="history-title" mb="xs">
        {t('reports.history.title')}
      </Title>
      {revisions.isPending ? (
        <LoadingState label={t('reports.history.loading')} />
      ) : revisions.isError ? (
        <ErrorState error={revisions.error} onRetry={() => void revisions.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reports.history.empty')}
        </Text>
      ) : (
        <Stack gap="md">
          <Table striped aria-label={t('reports.history.listLabel')} fz="sm">
            <Table.Tbody>
              {items.map((revision) => (
                <Table.Tr key={revision.id}>
                  <Table.Th scope="row" fw={600}>
                    {t('reports.history.revision', { n: revision.number })}
                  </Table.Th>
                  <Table.Td>
                    {t('reports.history.byline', { who: personName(revision.editedBy), when: formatDateTime(revision.editedAt) })}
                    {revision.note && (
                      <Text size="xs" c="dimmed">
                        {revision.note}
                      </Text>
                    )}
                  </Table.Td>
                  {canRestore && (
                    <Table.Td ta="right">
                      {revision.id !== items[0].id && (
                        <Button
                          size="xs"
                          variant="default"
                          disabled={restoreBlocked !== null}
                          title={restoreBlocked ?? undefined}
                          aria-label={`${t('reports.history.restore')}: ${t('reports.history.revision', { n: revision.number })}`}
                          onClick={() => confirmRestore(revision)}
                        >
                          {t('reports.history.restore')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {items.length > 1 && (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (from !== null && to !== null && from !== to) setCompared({ from, to });
              }}
            >
              <Group align="flex-end" gap="sm">
                <NativeSelect label={t('reports.history.from')} data={options} value={from === null ? '' : String(from)} onChange={(e) => setPick((p) => ({ ...p, from: Number(e.currentTarget.value) }))} />
                <NativeSelect label={t('reports.history.to')} data={options} value={to === null ? '' : String(to)} onChange={(e) => setPick((p) => ({ ...p, to: Number(e.currentTarget.value) }))} />
                <Button type="submit" variant="default" disabled={from === to}>
                  {t('reports.history.compare')}
                </Button>
              </Group>
              {from === to && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t('reports.history.pickTwo')}
                </Text>
              )}
            </form>
          )}
          {compared && (
            <Paper withBorder p="sm" component="section" aria-labelledby="diff-title">
              <Title order={3} size="h5" id="diff-title" mb={4}>
                {t('reports.history.diffTitle', { from: byId.get(compared.from)?.number ?? '?', to: byId.get(compared.to)?.number ?? '?' })}
              </Title>
              <Text size="xs" c="dimmed" mb="xs">
                {t('reports.history.diffLegend')}
              </Text>
              {diff.isPending ? <LoadingState /> : diff.isError ? <ErrorState error={diff.error} onRetry={() => void diff.refetch()} /> : <DiffText parts={diff.data.parts} />}
            </Paper>
          )}
        </Stack>
      )}
    </section>
  );
}
