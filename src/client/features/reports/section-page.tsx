import './reports.css';
import { Alert, Anchor, Box, Button, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { confirmDestructive } from '../../ui/confirm-destructive';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isEmptyDoc } from '../../../domain/rich-text';
import { formatDateTime } from '../../lib/format';
import { ApiError } from '../../lib/http';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { useCurrentUser } from '../../app/use-current-user';
import { reportQueryOptions, sectionQueryOptions } from './api';
import { AutosaveStatusText } from './autosave-status';
import { ReportNotFound } from './report-not-found';
import { useReportRoles } from './report-roles';
import type { ReportOverview, ReportSection } from './report-types';
import { routeId, routeYear } from '../../lib/route-params';
import { RichTextView } from '../../ui/rich-text/rich-text-view';
import { SectionCommitments, SectionEvaluation } from './section-accountability';
import { SectionQuestions } from './section-questions';
import { SectionComments } from './section-comments';
import { SectionConflict } from './section-conflict';
import { SectionHistory } from './section-history';
import { SectionRecommendations } from './section-recommendations';
import { SectionReviewPanel } from './section-review-panel';
import { SectionStateBadge } from './section-state-badge';
import { SectionStatistics } from './section-statistics';
import { useSectionEditing } from './use-section-editing';
import { useSelectionWithin } from './use-selection-within';
import { usePersonName } from '../../lib/use-person-name';

// Tiptap / ProseMirror load only for people who edit, after the page.
const RichTextEditor = lazy(() => import('../../ui/rich-text/rich-text-editor').then((m) => ({ default: m.RichTextEditor })));

/** /informes/:year/secciones/:id: one section, edited (writers, with autosave) or read and reviewed (reviewers). */
export function SectionPage() {
  const { t } = useTranslation();
  const params = useParams();
  const year = routeYear(params.year);
  const id = routeId(params.id);
  const valid = year !== null && id !== null;
  const section = useQuery({ ...sectionQueryOptions(year ?? 0, id ?? 0), enabled: valid });
  const report = useQuery({ ...reportQueryOptions(year ?? 0), enabled: valid });
  useDocumentTitle(section.data ? `${section.data.title} · ${t('appName')}` : '');

  const notFound = (error: unknown) => error instanceof ApiError && error.status === 404;
  if (!valid || notFound(section.error) || notFound(report.error)) return <ReportNotFound section year={year ?? undefined} />;
  if (section.isError) return <ErrorState error={section.error} onRetry={() => void section.refetch()} />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  if (section.isPending || report.isPending) return <LoadingState label={t('reports.section.loading')} />;
  return <SectionWorkspace key={`${year}-${id}`} section={section.data} report={report.data} />;
}

function SectionWorkspace({ section, report }: { section: ReportSection; report: ReportOverview }) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const user = useCurrentUser();
  const { canWrite, canReview } = useReportRoles();
  const editing = useSectionEditing(section, canWrite);
  const [unlocked, setUnlocked] = useState(false);
  const contentRef = useRef<HTMLDivElement>(null);
  const selectedText = useSelectionWithin(contentRef);

  const ordered = [...report.sections].sort((a, b) => a.position - b.position);
  const number = ordered.findIndex((s) => s.id === section.id) + 1 || section.position;
  const approvedLock = canWrite && section.state === 'approved' && !unlocked;
  const locked = approvedLock || editing.offer !== null;
  const status = editing.status;
  const blockedReason =
    status.kind === 'conflict'
      ? t('reports.review.why.conflict')
      : status.kind === 'offline' || status.kind === 'error' || editing.offer !== null
        ? t('reports.review.why.unsaved')
        : null;

  const askUnlock = () => {
    if (!approvedLock) return;
    confirmDestructive({
      title: t('reports.section.approvedConfirmTitle'),
      message: t('reports.section.approvedConfirmMessage'),
      confirmLabel: t('reports.section.approvedConfirm'),
      onConfirm: () => setUnlocked(true),
    });
  };

  const contentLabel = t('reports.section.contentFor', { title: editing.values.title || section.title });
  const narrative =
    canWrite ? (
      <Suspense fallback={<LoadingState label={t('reports.section.loadingEditor')} />}>
        <Stack gap={4}>
          <Text fw={500} size="sm" id="section-content-label">
            {section.kind === 'statistics'
              ? t('reports.statistics.narrative')
              : section.kind === 'recommendations'
                ? t('reports.recommendations.narrative')
                : t('reports.section.content')}
          </Text>
          <RichTextEditor
            key={editing.generation}
            content={editing.values.content}
            label={contentLabel}
            editable={!locked}
            onChange={editing.setContent}
            onLockedAttempt={approvedLock ? askUnlock : undefined}
            autoFocus={editing.focusEditor ? 'end' : undefined}
          />
        </Stack>
      </Suspense>
    ) : (
      <Box className="report-text" aria-label={contentLabel} role="region">
        {isEmptyDoc(section.content) ? <Text c="dimmed">{t('reports.section.empty')}</Text> : <RichTextView doc={section.content} />}
      </Box>
    );

  const meta =
    section.lastEditedBy && section.lastEditedAt
      ? t('reports.section.meta', { version: section.version, who: personName(section.lastEditedBy), when: formatDateTime(section.lastEditedAt) })
      : t('reports.section.metaNever', { version: section.version });

  return (
    <>
      <Anchor component={Link} to={`/informes/${section.year}`} size="sm" mb="xs" display="inline-block">
        <span aria-hidden="true">← </span>
        {t('reports.overview.backToOverview')}: {report.title}
      </Anchor>
      <PageHeader
        title={t('reports.section.heading', { n: number, title: section.title })}
        actions={canWrite ? <AutosaveStatusText status={status} onRetry={editing.retryNow} /> : undefined}
      />
      <Stack gap="md" maw={1400}>
        <Group gap="xs" mt={-12}>
          <span data-testid="section-state">
            <SectionStateBadge state={section.state} />
          </span>
          <Text size="sm" c="dimmed">
            {meta}
          </Text>
        </Group>
        {editing.offer && (
          <Alert color="orange" role="alert" title={t('reports.autosave.recoverTitle')}>
            <Text size="sm" mb="sm">
              {t('reports.autosave.recoverMessage', { when: formatDateTime(editing.offer.changedAt), version: editing.offer.baseVersion })}
            </Text>
            <Group gap="sm">
              <Button
                onClick={() => {
                  // Recovering changes the text: on an approved section that withdraws the approval, as any edit.
                  setUnlocked(true);
                  editing.recover();
                  notifications.show({ message: t('reports.autosave.recovered') });
                }}
              >
                {t('reports.autosave.recover')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  editing.discard();
                  notifications.show({ message: t('reports.autosave.discarded') });
                }}
              >
                {t('reports.autosave.discard')}
              </Button>
            </Group>
          </Alert>
        )}
        {status.kind === 'conflict' && (
          <SectionConflict
            mine={editing.values}
            current={status.current}
            onKeepMine={() => editing.keepMine(status.current)}
            onUseTheirs={() => {
              editing.useTheirs(status.current);
              notifications.show({ message: t('reports.conflict.usedTheirs') });
            }}
          />
        )}
        {approvedLock && !editing.offer && (
          <Alert color="blue" variant="light" title={t('reports.states.approved')}>
            <Text size="sm" mb="sm">
              {t('reports.section.approvedLocked')}
            </Text>
            <Button variant="default" onClick={askUnlock}>
              {t('reports.section.approvedUnlock')}
            </Button>
          </Alert>
        )}
        {!canWrite && (
          <Text size="sm" c="dimmed">
            {t('reports.section.readOnlyHint')}
          </Text>
        )}
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="lg" ref={contentRef}>
              {canWrite && (
                <TextInput
                  label={t('reports.section.titleField')}
                  required
                  value={editing.values.title}
                  readOnly={locked}
                  onClick={approvedLock ? askUnlock : undefined}
                  onChange={(event) => editing.setTitle(event.currentTarget.value)}
                  maw={720}
                />
              )}
              {section.kind === 'statistics' && section.statistics && <SectionStatistics statistics={section.statistics} />}
              {section.kind === 'questions' && section.questions && <SectionQuestions data={section.questions} />}
              {section.kind === 'evaluation' && section.evaluation && <SectionEvaluation data={section.evaluation} />}
              {section.kind === 'commitments' && section.commitments && <SectionCommitments data={section.commitments} />}
              {section.kind === 'follow_up' && section.followUp && <SectionCommitments data={section.followUp} followUp />}
              {section.kind === 'recommendations' && (
                <SectionRecommendations
                  items={canWrite ? (editing.values.recommendations ?? []) : section.recommendations}
                  editable={canWrite && !locked}
                  onChange={editing.setRecommendations}
                />
              )}
              {narrative}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="lg">
              {user && (
                <SectionReviewPanel
                  section={section}
                  actor={{ username: user.username, role: user.role }}
                  canWrite={canWrite}
                  canReview={canReview}
                  blockedReason={blockedReason}
                  flush={editing.flush}
                  selectedText={selectedText}
                />
              )}
              <SectionComments year={section.year} sectionId={section.id} selectedText={selectedText} />
            </Stack>
          </Grid.Col>
        </Grid>
        <SectionHistory
          section={section}
          canRestore={canWrite}
          restoreBlocked={editing.dirty || status.kind !== 'idle' ? t('reports.history.restoreUnsaved') : null}
          currentVersion={() => editing.version}
          onRestored={editing.replaceWith}
        />
      </Stack>
    </>
  );
}
