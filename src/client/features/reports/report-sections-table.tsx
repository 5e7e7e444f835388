import { ActionIcon, Anchor, Button, Group, Modal, Stack, Table, Text, TextInput, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { confirmDestructive } from '../../ui/confirm-destructive';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { errorMessage } from '../../lib/http';
import { useAddSection, useRemoveSection, useReorderSections } from './api';
import type { ReportOverview, SectionSummary } from './report-types';
import { SectionStateBadge } from './section-state-badge';
import { WideTable } from '../../ui/wide-table';
import { usePersonName } from '../../lib/use-person-name';

function AddSectionModal({ year, opened, onClose }: { year: number; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const add = useAddSection(year);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal closeButtonProps={{ 'aria-label': t('actions.close') }} opened={opened} onClose={onClose} title={t('reports.overview.addTitle')} centered>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!title.trim()) return setError(t('reports.form.required'));
          add.mutate(title.trim(), {
            onSuccess: (section) => {
              notifications.show({ color: 'green', message: t('reports.overview.added') });
              onClose();
              setTitle('');
              navigate(`/informes/${year}/secciones/${section.id}`);
            },
            onError: (e) => setError(errorMessage(e)),
          });
        }}
      >
        <Stack gap="md">
          <TextInput
            label={t('reports.overview.addLabel')}
            required
            value={title}
            onChange={(event) => {
              setTitle(event.currentTarget.value);
              setError(null);
            }}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('reports.overview.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The sections in order with their state, who changed and reviewed them, open comments, and (writers) order and removal. */
export function ReportSectionsTable({ report, canWrite }: { report: ReportOverview; canWrite: boolean }) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const year = report.year;
  const reorder = useReorderSections(year);
  const remove = useRemoveSection(year);
  const [adding, setAdding] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const focusAfterMove = useRef<{ id: number; direction: 'up' | 'down' } | null>(null);
  const sections = [...report.sections].sort((a, b) => a.position - b.position);

  // After a move the row is elsewhere: keep focus on its button (or on the other one at the top/bottom).
  useEffect(() => {
    const target = focusAfterMove.current;
    if (!target) return;
    const index = sections.findIndex((s) => s.id === target.id);
    if (index < 0) return;
    focusAfterMove.current = null;
    const atEdge = target.direction === 'up' ? index === 0 : index === sections.length - 1;
    const direction = atEdge ? (target.direction === 'up' ? 'down' : 'up') : target.direction;
    buttons.current.get(`${target.id}-${direction}`)?.focus();
  });

  const move = (section: SectionSummary, direction: 'up' | 'down') => {
    const index = sections.findIndex((s) => s.id === section.id);
    const other = direction === 'up' ? index - 1 : index + 1;
    if (other < 0 || other >= sections.length) return;
    const ids = sections.map((s) => s.id);
    [ids[index], ids[other]] = [ids[other], ids[index]];
    reorder.mutate(ids, {
      onSuccess: () => {
        focusAfterMove.current = { id: section.id, direction };
        setAnnouncement(t('reports.overview.moved', { title: section.title, n: other + 1 }));
      },
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  };

  const confirmRemove = (section: SectionSummary) =>
    confirmDestructive({
      title: t('reports.overview.removeTitle'),
      message: t('reports.overview.removeMessage', { title: section.title }),
      confirmLabel: t('reports.overview.removeConfirm'),
      onConfirm: () =>
        remove.mutate(section.id, {
          onSuccess: () => notifications.show({ color: 'green', message: t('reports.overview.removed') }),
          onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
        }),
    });

  const setButton = (key: string) => (el: HTMLButtonElement | null) => {
    if (el) buttons.current.set(key, el);
    else buttons.current.delete(key);
  };

  return (
    <section aria-labelledby="report-sections-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="report-sections-title">
          {t('reports.overview.sectionsTitle')}
        </Title>
        {canWrite && (
          <Button variant="default" onClick={() => setAdding(true)}>
            {t('reports.overview.addSection')}
          </Button>
        )}
      </Group>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      <WideTable label={t('reports.overview.sectionsLabel')} minWidth={800}>
        <Table striped aria-label={t('reports.overview.sectionsLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.overview.columns.number')}</Table.Th>
              <Table.Th scope="col">{t('reports.overview.columns.title')}</Table.Th>
              <Table.Th scope="col">{t('reports.overview.columns.state')}</Table.Th>
              <Table.Th scope="col">{t('reports.overview.columns.lastEdit')}</Table.Th>
              <Table.Th scope="col">{t('reports.overview.columns.reviewer')}</Table.Th>
              <Table.Th scope="col">{t('reports.overview.columns.comments')}</Table.Th>
              {canWrite && <Table.Th scope="col">{t('reports.overview.columns.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sections.map((section, index) => {
              const reasonId = `remove-reason-${section.id}`;
              const approved = section.state === 'approved';
              return (
                <Table.Tr key={section.id} data-section-id={section.id}>
                  <Table.Td>{index + 1}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/informes/${year}/secciones/${section.id}`} fw={600}>
                      {section.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`reports.kinds.${section.kind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <SectionStateBadge state={section.state} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {section.lastEditedBy && section.lastEditedAt
                        ? t('reports.overview.lastEdit', { who: personName(section.lastEditedBy), when: formatDateTime(section.lastEditedAt) })
                        : t('reports.overview.never')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{section.approvedBy ?? section.reviewedBy ?? t('reports.overview.noReviewer')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{section.openComments > 0 ? t('reports.overview.commentsCount', { count: section.openComments }) : t('reports.overview.commentsNone')}</Text>
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          ref={setButton(`${section.id}-up`)}
                          variant="default"
                          aria-label={t('reports.overview.moveUp', { title: section.title })}
                          disabled={index === 0 || reorder.isPending}
                          onClick={() => move(section, 'up')}
                        >
                          <span aria-hidden="true">↑</span>
                        </ActionIcon>
                        <ActionIcon
                          ref={setButton(`${section.id}-down`)}
                          variant="default"
                          aria-label={t('reports.overview.moveDown', { title: section.title })}
                          disabled={index === sections.length - 1 || reorder.isPending}
                          onClick={() => move(section, 'down')}
                        >
                          <span aria-hidden="true">↓</span>
                        </ActionIcon>
                        <Tooltip label={t('reports.overview.removeApproved')} disabled={!approved} withArrow>
                          <ActionIcon
                            variant="default"
                            color="red"
                            aria-label={t('reports.overview.remove', { title: section.title })}
                            data-disabled={approved || undefined}
                            aria-disabled={approved || undefined}
                            aria-describedby={approved ? reasonId : undefined}
                            onClick={() => (approved ? undefined : confirmRemove(section))}
                          >
                            <span aria-hidden="true">✕</span>
                          </ActionIcon>
                        </Tooltip>
                        {approved && (
                          <VisuallyHidden id={reasonId}>{t('reports.overview.removeApproved')}</VisuallyHidden>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </WideTable>
      {canWrite && <AddSectionModal year={year} opened={adding} onClose={() => setAdding(false)} />}
    </section>
  );
}
