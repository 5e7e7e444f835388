import { Alert, Box, Button, Group, List, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importMessages } from '../../../domain/metrics-import-model';
import { hasBlockingIssues, type MetricsRuleId } from '../../../domain/metrics-rules';
import type { ForumMetricsRecord } from '../../../domain/metrics-update';
import { errorMessage } from '../../lib/http';
import { MetricsFormIssues } from './metrics-form-issues';
import { warningKey } from './metrics-form-values';
import { MetricsImportChanges, importChanges } from './metrics-import-changes';
import { MetricsImportFileSummary } from './metrics-import-file-summary';
import type { ImportChoice, ImportPreview } from './metrics-import-request';
import { MetricsImportAsOf, MetricsImportRowChoice } from './metrics-import-row-choice';

interface MetricsImportPreviewProps {
  fileName: string;
  /** The import route's dry run for the current choice. */
  preview: ImportPreview;
  /** The row the route chose before the person chose any. */
  firstChoice: ImportPreview['selectedRow'];
  choice: ImportChoice;
  onChoose: (change: ImportChoice) => void;
  saved: ForumMetricsRecord;
  busy: boolean;
  /** The route's dry run is being asked again (another row or date): what is shown is the previous answer. */
  asking: boolean;
  error: unknown;
  onConfirm: (choice: { rowNumber: number; acknowledge: MetricsRuleId[]; asOf?: string }) => void;
  onCancel: () => void;
}

/** Problems shown at most (the rest are counted). */
const shownProblems = 20;

/**
 * What an import would do, before anything is saved — the import route's dry run: the format, how each column was
 * read, which row goes to this forum (changeable), the figures that would be written next to the saved ones and the
 * rules' verdict on the result. Only "Confirmar importación" saves.
 */
export function MetricsImportPreview({ fileName, preview, firstChoice, choice, onChoose, saved, busy, asking, error, onConfirm, onCancel }: MetricsImportPreviewProps) {
  const { t } = useTranslation();
  const [acknowledged, setAcknowledged] = useState<Set<string>>(new Set());
  const [refused, setRefused] = useState(false);
  const rowNumber = choice.rowNumber ?? preview.selectedRow?.rowNumber ?? null;
  const row = preview.rows.find((r) => r.rowNumber === rowNumber) ?? null;
  const asOfError = preview.errors.find((e) => e.path === 'asOf')?.message;
  const otherErrors = preview.errors.filter((e) => e.path !== 'asOf');
  const issues = preview.issues;
  const warnings = issues.filter((i) => i.severity === 'warn');
  const pending = warnings.filter((i) => !acknowledged.has(warningKey(i)));
  const blocked = hasBlockingIssues(issues);
  const merged = preview.metrics !== null;
  const hiddenProblems = Math.max(0, preview.problems.length - shownProblems) + preview.moreProblems;

  const choose = (change: ImportChoice) => {
    setAcknowledged(new Set());
    setRefused(false);
    onChoose(change);
  };
  const confirm = () => {
    if (rowNumber === null || !merged || blocked) return;
    if (pending.length > 0) {
      setRefused(true);
      return;
    }
    onConfirm({ rowNumber, acknowledge: [...new Set(warnings.map((w) => w.rule))], asOf: choice.asOf || undefined });
  };

  return (
    <Modal opened onClose={onCancel} title={t('metrics.import.previewTitle')} size="xl" closeButtonProps={{ 'aria-label': t('actions.close') }}>
      <Stack gap="md" aria-busy={busy}>
        <MetricsImportFileSummary fileName={fileName} file={preview} />
        <MetricsImportRowChoice rows={preview.rows} rowNumber={rowNumber} firstChoice={firstChoice} onRow={(n) => choose({ rowNumber: n })} />

        {asking && (
          <Group gap="xs" role="status" aria-live="polite">
            <Loader size="xs" aria-hidden />
            <Text size="sm">{t('metrics.import.analysing')}</Text>
          </Group>
        )}

        {row && <MetricsImportAsOf fileAsOf={row.day} value={choice.asOf ?? ''} error={asOfError} onChange={(asOf) => choose({ asOf })} />}

        {row && (
          <section aria-label={t('metrics.import.values')}>
            <Title order={3} size="h5" mb={4}>
              {t('metrics.import.values')}
            </Title>
            {merged && preview.unchanged && (
              <Text size="sm" mb={4}>
                {t('metrics.import.noChange')}
              </Text>
            )}
            <Box opacity={asking ? 0.5 : 1}>
              <MetricsImportChanges changes={importChanges(preview.imported, saved, preview.asOf)} />
            </Box>
          </section>
        )}

        {preview.problems.length > 0 && (
          <Alert color="yellow" variant="light" title={t('metrics.import.problems')}>
            <List size="sm">
              {preview.problems.slice(0, shownProblems).map((problem, i) => (
                <List.Item key={i}>{problem.row ? `${t('metrics.series.row', { n: problem.row })}: ${problem.message}` : problem.message}</List.Item>
              ))}
              {hiddenProblems > 0 && <List.Item>{importMessages.moreProblems(hiddenProblems)}</List.Item>}
            </List>
          </Alert>
        )}

        {otherErrors.length > 0 && (
          <Alert color="red" variant="light" role="alert">
            <List size="sm">
              {otherErrors.map((e) => (
                <List.Item key={`${e.path}${e.message}`}>{`${e.path}: ${e.message}`}</List.Item>
              ))}
            </List>
          </Alert>
        )}

        {row && merged && (
          <section aria-label={t('metrics.import.rules')}>
            <Title order={3} size="h5" mb={4}>
              {t('metrics.import.rules')}
            </Title>
            {issues.length === 0 ? (
              <Text size="sm">{t('metrics.rules.allGood')}</Text>
            ) : (
              <MetricsFormIssues
                issues={issues}
                acknowledged={acknowledged}
                onAcknowledge={(key, confirmed) =>
                  setAcknowledged((current) => {
                    const next = new Set(current);
                    if (confirmed) next.add(key);
                    else next.delete(key);
                    return next;
                  })
                }
              />
            )}
          </section>
        )}

        {error != null && (
          <Alert color="red" role="alert" title={t('metrics.import.failed')}>
            <Text size="sm">{errorMessage(error)}</Text>
            <Text size="sm">{t('metrics.import.nothingSaved')}</Text>
          </Alert>
        )}

        <Group justify="space-between" gap="sm">
          <Text size="sm" c="red.9" aria-live="polite">
            {blocked ? t('metrics.import.blocked') : refused && pending.length > 0 ? t('metrics.import.confirmWarnings') : ''}
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {t('metrics.import.cancel')}
            </Button>
            <Button onClick={confirm} loading={busy} disabled={rowNumber === null || !merged || blocked}>
              {t('metrics.import.confirm')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
