import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportDiff } from './report-types';

/**
 * A word diff as text with <ins>/<del>: added text underlined with a "+" marker, removed text struck through
 * with a "−" marker (not colour alone), each with a hidden word for screen readers.
 */
export function DiffText({ parts }: { parts: ReportDiff['parts'] }) {
  const { t } = useTranslation();
  if (!parts.some((p) => p.kind !== 'equal')) return <Text size="sm">{t('reports.history.noChanges')}</Text>;
  return (
    <Text size="sm" component="div" className="report-diff" style={{ whiteSpace: 'pre-wrap' }}>
      {parts.map((part, i) =>
        part.kind === 'added' ? (
          <ins key={i}>
            <span className="report-diff-mark" aria-hidden="true">
              +
            </span>
            <span className="report-diff-sr">{t('reports.history.added')}: </span>
            {part.text}
          </ins>
        ) : part.kind === 'removed' ? (
          <del key={i}>
            <span className="report-diff-mark" aria-hidden="true">
              −
            </span>
            <span className="report-diff-sr">{t('reports.history.removed')}: </span>
            {part.text}
          </del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </Text>
  );
}
