import { Blockquote, Button, Checkbox, CloseButton, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { errorMessage } from '../../lib/http';
import { ErrorState, LoadingState } from '../../ui/states';
import { commentsQueryOptions, useAddComment, useResolveComment } from './api';
import type { ReportComment } from './report-types';
import { usePersonName } from '../../lib/use-person-name';

function CommentForm({
  label,
  submitLabel,
  onSubmit,
  quote,
  onClearQuote,
  onCancel,
  busy,
  textareaRef,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (body: string) => Promise<unknown>;
  quote?: string;
  onClearQuote?: () => void;
  onCancel?: () => void;
  busy: boolean;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!body.trim()) return setError(t('reports.comments.required'));
        onSubmit(body.trim()).then(
          () => setBody(''),
          (e: unknown) => setError(errorMessage(e)),
        );
      }}
    >
      <Stack gap="xs">
        {quote && (
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <Text size="sm" className="report-quote" style={{ flex: 1 }}>
              <Text span fw={600} fs="normal" size="sm">
                {t('reports.comments.quote')}:{' '}
              </Text>
              «{quote}»
            </Text>
            {onClearQuote && <CloseButton size="sm" aria-label={t('reports.comments.removeQuote')} onClick={onClearQuote} />}
          </Group>
        )}
        <Textarea
          ref={textareaRef}
          label={label}
          autosize
          minRows={2}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            setError(null);
          }}
          error={error}
        />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={busy}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button size="xs" variant="default" onClick={onCancel}>
              {t('actions.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function Thread({ root, replies, year, sectionId }: { root: ReportComment; replies: ReportComment[]; year: number; sectionId: number }) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const add = useAddComment(year, sectionId);
  const resolve = useResolveComment(year, sectionId);
  const [replying, setReplying] = useState(false);
  const one = (comment: ReportComment) => (
    <Stack gap={4} key={comment.id}>
      <Text size="xs" c="dimmed">
        {t('reports.comments.byline', { who: personName(comment.author), when: formatDateTime(comment.createdAt) })}
      </Text>
      {comment.quote && (
        <Blockquote p="xs" color="gray.7" className="report-quote" fz="sm">
          «{comment.quote}»
        </Blockquote>
      )}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {comment.body}
      </Text>
    </Stack>
  );
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={t('reports.comments.threadLabel', { who: personName(root.author) })} opacity={root.resolved ? 0.85 : 1}>
      <Stack gap="sm">
        {one(root)}
        {replies.length > 0 && (
          <Stack gap="sm" pl="md" style={{ borderLeft: '2px solid var(--mantine-color-gray-4)' }}>
            {replies.map(one)}
          </Stack>
        )}
        {root.resolved ? (
          <Text size="xs" fw={600}>
            {t('reports.comments.resolved', { who: personName(root.resolvedBy) })}
          </Text>
        ) : replying ? (
          <CommentForm
            label={t('reports.comments.replyTo', { who: personName(root.author) })}
            submitLabel={t('reports.comments.sendReply')}
            busy={add.isPending}
            onCancel={() => setReplying(false)}
            onSubmit={(body) => add.mutateAsync({ body, parentId: root.id }).then(() => setReplying(false))}
          />
        ) : (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setReplying(true)}>
              {t('reports.comments.reply')}
            </Button>
            <Button size="xs" variant="default" loading={resolve.isPending} onClick={() => resolve.mutate(root.id)}>
              {t('reports.comments.resolve')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** Threads of comments on a section: new ones (optionally quoting the selected passage), replies, resolve. */
export function SectionComments({ year, sectionId, selectedText }: { year: number; sectionId: number; selectedText: string }) {
  const { t } = useTranslation();
  const comments = useQuery(commentsQueryOptions(year, sectionId));
  const add = useAddComment(year, sectionId);
  const [quote, setQuote] = useState('');
  const [showResolved, setShowResolved] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);

  const items = comments.data ?? [];
  const roots = items.filter((c) => c.parentId === null);
  const resolvedCount = roots.filter((c) => c.resolved).length;
  const visible = roots.filter((c) => showResolved || !c.resolved);

  return (
    <section aria-labelledby="comments-title">
      <Title order={2} size="h4" id="comments-title" mb="xs">
        {t('reports.comments.title')}
      </Title>
      <Stack gap="sm">
        <Stack gap={2}>
          <Button
            size="xs"
            variant="default"
            style={{ alignSelf: 'flex-start' }}
            disabled={!selectedText}
            aria-describedby={selectedText ? undefined : 'comment-selection-hint'}
            // Keep the text selection: the click must not take it away before it is read.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setQuote(selectedText);
              textarea.current?.focus();
            }}
          >
            {t('reports.comments.selection')}
          </Button>
          {!selectedText && (
            <Text size="xs" c="dimmed" id="comment-selection-hint">
              {t('reports.comments.selectionHint')}
            </Text>
          )}
        </Stack>
        <CommentForm
          label={t('reports.comments.new')}
          submitLabel={t('reports.comments.send')}
          quote={quote}
          onClearQuote={() => setQuote('')}
          busy={add.isPending}
          textareaRef={textarea}
          onSubmit={(body) => add.mutateAsync({ body, ...(quote ? { quote } : {}) }).then(() => setQuote(''))}
        />
        {comments.isPending ? (
          <LoadingState label={t('reports.comments.loading')} />
        ) : comments.isError ? (
          <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />
        ) : roots.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('reports.comments.empty')}
          </Text>
        ) : (
          <>
            {resolvedCount > 0 && (
              <Checkbox size="xs" label={t('reports.comments.showResolved', { count: resolvedCount })} checked={showResolved} onChange={(e) => setShowResolved(e.currentTarget.checked)} />
            )}
            {visible.map((root) => (
              <Thread key={root.id} root={root} replies={items.filter((c) => c.parentId === root.id)} year={year} sectionId={sectionId} />
            ))}
          </>
        )}
      </Stack>
    </section>
  );
}
