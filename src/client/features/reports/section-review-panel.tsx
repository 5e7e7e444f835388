import { Alert, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { transition, type SectionAction } from '../../../domain/report-workflow';
import type { Role } from '../../../domain/roles';
import { formatDateTime } from '../../lib/format';
import { errorMessage } from '../../lib/http';
import { useReviewAction } from './api';
import type { ReportSection } from './report-types';
import { SectionStateBadge } from './section-state-badge';
import { usePersonName } from '../../lib/use-person-name';

interface Props {
  section: ReportSection;
  actor: { username: string; role: Role };
  canWrite: boolean;
  canReview: boolean;
  /** Why the writer cannot submit right now (unsaved text, conflict), or null. */
  blockedReason: string | null;
  /** Sends pending text before submitting; resolves false when it could not. */
  flush: () => Promise<boolean>;
  /** The passage selected in the text, offered as the quote of a returned section. */
  selectedText: string;
}

function ActionButton({ label, reason, onClick, loading, color, variant }: { label: string; reason: string | null; onClick: () => void; loading?: boolean; color?: string; variant?: string }) {
  const id = useId();
  return (
    <Stack gap={2}>
      <Button onClick={onClick} disabled={reason !== null} loading={loading} color={color} variant={variant} aria-describedby={reason ? id : undefined}>
        {label}
      </Button>
      {reason && (
        <Text size="xs" c="dimmed" id={id}>
          {reason}
        </Text>
      )}
    </Stack>
  );
}

/** The section's state and the workflow actions this person may take, each disabled one saying why. */
export function SectionReviewPanel({ section, actor, canWrite, canReview, blockedReason, flush, selectedText }: Props) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const review = useReviewAction(section.year, section.id);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [quote, setQuote] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const reason = (action: SectionAction): string | null => {
    const result = transition(section, action, actor);
    return result.ok ? null : result.message;
  };
  const submitReason = blockedReason ?? reason('submit');

  const run = (action: 'submit' | 'approve', message: string) => async () => {
    setFailure(null);
    if (action === 'submit' && !(await flush())) return;
    review.mutate({ action }, { onSuccess: () => notifications.show({ color: 'green', message }), onError: setFailure });
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="review-title">
      <Title order={2} size="h4" id="review-title" mb="xs">
        {t('reports.review.title')}
      </Title>
      <Group gap="xs" mb="xs">
        <Text size="sm">{t('reports.overview.columns.state')}:</Text>
        <SectionStateBadge state={section.state} />
      </Group>
      {section.state === 'approved' && section.approvedBy && section.approvedAt && (
        <Text size="sm" mb="xs">
          {t('reports.review.approvedBy', { who: personName(section.approvedBy), when: formatDateTime(section.approvedAt) })}
        </Text>
      )}
      {section.reviewedBy && section.state !== 'approved' && (
        <Text size="sm" mb="xs">
          {t('reports.review.reviewedBy', { who: personName(section.reviewedBy) })}
        </Text>
      )}
      {failure != null && (
        <Alert color="red" role="alert" mb="sm" title={errorMessage(failure)}>
          {null}
        </Alert>
      )}
      <Stack gap="sm">
        {canWrite && (
          <ActionButton label={t('reports.review.submit')} reason={submitReason} loading={review.isPending && review.variables?.action === 'submit'} onClick={run('submit', t('reports.review.submitted'))} />
        )}
        {canReview && (
          <>
            <ActionButton
              label={t('reports.review.approve')}
              reason={reason('approve')}
              color="teal.9"
              loading={review.isPending && review.variables?.action === 'approve'}
              onClick={run('approve', t('reports.review.approved'))}
            />
            <ActionButton
              label={t('reports.review.requestChanges')}
              reason={reason('request_changes')}
              variant="default"
              onClick={() => {
                setQuote(selectedText);
                setComment('');
                setCommentError(null);
                setReturning(true);
              }}
            />
          </>
        )}
      </Stack>
      <Modal closeButtonProps={{ 'aria-label': t('actions.close') }} opened={returning} onClose={() => setReturning(false)} title={t('reports.review.modalTitle')} centered size="lg">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const check = transition(section, 'request_changes', actor, { comment });
            if (!check.ok) {
              setCommentError(check.message);
              return;
            }
            review.mutate(
              { action: 'request-changes', comment: comment.trim(), ...(quote.trim() ? { quote: quote.trim() } : {}) },
              {
                onSuccess: () => {
                  setReturning(false);
                  notifications.show({ color: 'green', message: t('reports.review.changesRequested') });
                },
                onError: (error) => setCommentError(errorMessage(error)),
              },
            );
          }}
        >
          <Stack gap="md">
            <Textarea
              label={t('reports.review.comment')}
              required
              autosize
              minRows={3}
              value={comment}
              onChange={(event) => {
                setComment(event.currentTarget.value);
                setCommentError(null);
              }}
              error={commentError}
              data-autofocus
            />
            <Textarea label={t('reports.review.quote')} description={t('reports.review.quoteHint')} autosize minRows={2} value={quote} onChange={(event) => setQuote(event.currentTarget.value)} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setReturning(false)}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={review.isPending}>
                {t('reports.review.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
