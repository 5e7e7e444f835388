import { Alert, Badge, Button, Group, List, Modal, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Forum } from '../../../domain/forum';
import { figureLabels, snapshotKinds, snapshotLabels, type Figure, type SnapshotKind } from '../../../domain/metrics';
import { formatCount } from '../../../domain/metrics-format';
import { metricsImportFormatLabels, type MetricsImportResult } from '../../../domain/metrics-import';
import { checkMetrics, hasBlockingIssues, type MetricsRuleId } from '../../../domain/metrics-rules';
import type { ForumMetricsRecord } from '../../../domain/metrics-update';
import { formatDate } from '../../lib/format';
import { errorMessage } from '../../lib/http';
import { MetricsFormIssues } from './metrics-form-issues';
import { MetricsFigureText } from './metrics-form-readonly';
import { sectionFigures, warningKey } from './metrics-form-values';
import { chooseRow, mergeImported, type RowChoice } from './metrics-import-values';

export type ParsedFile = Extract<MetricsImportResult, { ok: true }>;

interface MetricsImportPreviewProps {
  fileName: string;
  parsed: ParsedFile;
  asOf: string;
  forum: Forum;
  saved: ForumMetricsRecord;
  busy: boolean;
  error: unknown;
  onConfirm: (choice: { rowNumber: number; acknowledge: MetricsRuleId[] }) => void;
  onCancel: () => void;
}

const seriesFields = { liveSummary: ['liveViewersCurve'], sincePublication: ['dailyViews', 'retentionCurve'], postCard: [] } as const;

/**
 * What an import would do, before anything is saved: the format, how each column was read, which row goes
 * to this forum (changeable), the figures that would be written next to the saved ones and the rules' verdict
 * on the result. Only "Confirmar importación" saves.
 */
export function MetricsImportPreview({ fileName, parsed, asOf, forum, saved, busy, error, onConfirm, onCancel }: MetricsImportPreviewProps) {
  const { t } = useTranslation();
  const [initialChoice] = useState<RowChoice>(() => chooseRow(parsed.rows, forum));
  const [rowNumber, setRowNumber] = useState<number | null>(initialChoice?.rowNumber ?? null);
  const [acknowledged, setAcknowledged] = useState<Set<string>>(new Set());
  const row = parsed.rows.find((r) => r.rowNumber === rowNumber) ?? null;
  const merged = useMemo(() => (row ? mergeImported(saved, row.values) : null), [row, saved]);
  const issues = useMemo(() => (merged?.ok ? checkMetrics(merged.metrics) : []), [merged]);
  const warnings = issues.filter((i) => i.severity === 'warn');
  const pending = warnings.filter((i) => !acknowledged.has(warningKey(i)));
  const blocked = hasBlockingIssues(issues);
  const [refused, setRefused] = useState(false);

  const fieldName = (field: string) => {
    const retention = /^retention\.(\d+)$/.exec(field);
    if (retention) return t('metrics.import.fieldNames.retention', { n: Number(retention[1]) });
    const names: Record<string, string> = t('metrics.import.fieldNames', { returnObjects: true });
    return names[field] ?? field;
  };
  // One option per row (10.000 in a big export): built once, so ticking a checkbox does not rebuild them, and
  // filled from the catalog's pattern rather than through t() per row (t() costs microseconds; 10.000 of them show).
  const rowOptions = useMemo(() => {
    const untitled = t('metrics.import.rowUntitled');
    const pattern = t('metrics.import.rowOption', { n: '\u0000n', label: '\u0000label' });
    const dates = new Map<string, string>();
    const date = (iso: string) => dates.get(iso) ?? dates.set(iso, formatDate(iso)).get(iso)!;
    return parsed.rows.map((r) => ({
      value: String(r.rowNumber),
      // Function replacements: a title with "$&" stays as written.
      label: pattern
        .replace('\u0000n', () => String(r.rowNumber))
        .replace('\u0000label', () => [r.title || untitled, r.publishDate ? date(r.publishDate) : null, r.day ? date(r.day) : null].filter(Boolean).join(' · ')),
    }));
  }, [parsed.rows, t]);
  const matchedText =
    rowNumber === null
      ? t('metrics.import.matchedBy.none')
      : initialChoice && rowNumber === initialChoice.rowNumber
        ? initialChoice.matchedBy === 'single'
          ? t('metrics.import.matchedBy.only')
          : t(`metrics.import.matchedBy.${initialChoice.matchedBy}`)
        : t('metrics.import.matchedBy.manual');

  /** The snapshots and figures the chosen row writes, with the saved value next to the new one. */
  const changes = snapshotKinds.flatMap((kind: SnapshotKind) => {
    const imported = row?.values[kind] as Record<string, unknown> | undefined;
    if (!imported) return [];
    const figures = sectionFigures[kind].filter((field) => imported[field] !== undefined);
    const series = (seriesFields[kind] as readonly string[]).filter((field) => Array.isArray(imported[field]));
    return [{ kind, figures, series, imported, current: saved[kind] as Record<string, unknown> | null }];
  });

  const confirm = () => {
    if (rowNumber === null || !merged?.ok || blocked) return;
    if (pending.length > 0) {
      setRefused(true);
      return;
    }
    onConfirm({ rowNumber, acknowledge: [...new Set(warnings.map((w) => w.rule))] });
  };

  return (
    <Modal opened onClose={onCancel} title={t('metrics.import.previewTitle')} size="xl" closeButtonProps={{ 'aria-label': t('actions.close') }}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm">
            <strong>{t('metrics.import.file')}:</strong> {fileName}
          </Text>
          <Text size="sm">
            <strong>{t('metrics.import.format')}:</strong> {metricsImportFormatLabels[parsed.format]}
          </Text>
          <Text size="sm">
            <strong>{t('metrics.import.language')}:</strong> {t(`metrics.import.languages.${parsed.language}`)}
          </Text>
          <Text size="sm">
            <strong>{t('metrics.import.asOf')}:</strong> {formatDate(asOf)}
          </Text>
        </SimpleGrid>

        <section aria-label={t('metrics.import.recognised')}>
          <Title order={3} size="h5" mb={4}>
            {t('metrics.import.recognised')} <Badge variant="outline" color="blue.9">{t('metrics.import.recognisedCount', { count: parsed.recognisedColumns.length })}</Badge>
          </Title>
          <Table.ScrollContainer minWidth={320} mah={220}>
            <Table withTableBorder striped verticalSpacing={2}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('metrics.import.header')}</Table.Th>
                  <Table.Th scope="col">{t('metrics.import.field')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {parsed.recognisedColumns.map((column) => (
                  <Table.Tr key={column.header}>
                    <Table.Td>{column.header}</Table.Td>
                    <Table.Td>{fieldName(column.field)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="sm" mt="xs">
            <strong>{t('metrics.import.unrecognised')}:</strong> {parsed.unrecognisedColumns.length > 0 ? parsed.unrecognisedColumns.join(' · ') : t('metrics.import.noUnrecognised')}
          </Text>
        </section>

        <Stack gap={4}>
          <Text size="sm">{t('metrics.import.rowsCount', { count: parsed.rows.length, n: formatCount(parsed.rows.length) })}</Text>
          {parsed.rows.length > 1 && (
            <Select
              label={t('metrics.import.row')}
              data={rowOptions}
              value={rowNumber === null ? null : String(rowNumber)}
              onChange={(value) => {
                setRowNumber(value === null ? null : Number(value));
                setAcknowledged(new Set());
                setRefused(false);
              }}
              allowDeselect={false}
              searchable={parsed.rows.length > 10}
              limit={200}
              comboboxProps={{ withinPortal: false }}
            />
          )}
          <Text size="sm" c={rowNumber === null ? 'red.9' : 'dimmed'}>
            {matchedText}
          </Text>
        </Stack>

        {row && (
          <section aria-label={t('metrics.import.values')}>
            <Title order={3} size="h5" mb={4}>
              {t('metrics.import.values')}
            </Title>
            {changes.length === 0 ? (
              <Text size="sm">{t('metrics.import.noValues')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={480}>
                <Table withTableBorder verticalSpacing={2}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('metrics.import.snapshot')}</Table.Th>
                      <Table.Th scope="col">{t('metrics.readOnly.figure')}</Table.Th>
                      <Table.Th scope="col">{t('metrics.import.current')}</Table.Th>
                      <Table.Th scope="col">{t('metrics.import.next')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {changes.flatMap(({ kind, figures, series, imported, current }) => [
                      ...figures.map((field) => (
                        <Table.Tr key={`${kind}.${field}`}>
                          <Table.Td>{snapshotLabels[kind]}</Table.Td>
                          <Table.Td>{figureLabels[field]}</Table.Td>
                          <Table.Td>
                            <MetricsFigureText field={field} figure={current?.[field] as Figure | null} />
                          </Table.Td>
                          <Table.Td>
                            <MetricsFigureText field={field} figure={imported[field] as Figure | null} />
                          </Table.Td>
                        </Table.Tr>
                      )),
                      ...series.map((field) => (
                        <Table.Tr key={`${kind}.${field}`}>
                          <Table.Td>{snapshotLabels[kind]}</Table.Td>
                          <Table.Td>{t(`metrics.import.series.${field as 'dailyViews'}`)}</Table.Td>
                          <Table.Td>{t('metrics.import.points', { count: (current?.[field] as unknown[] | undefined)?.length ?? 0 })}</Table.Td>
                          <Table.Td>{t('metrics.import.points', { count: (imported[field] as unknown[]).length })}</Table.Td>
                        </Table.Tr>
                      )),
                    ])}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </section>
        )}

        {parsed.problems.length > 0 && (
          <Alert color="yellow" variant="light" title={t('metrics.import.problems')}>
            <List size="sm">
              {parsed.problems.slice(0, 20).map((problem, i) => (
                <List.Item key={i}>{problem.row ? `${t('metrics.series.row', { n: problem.row })}: ${problem.message}` : problem.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}

        {merged && !merged.ok && (
          <Alert color="red" variant="light" role="alert">
            <List size="sm">
              {merged.errors.map((e) => (
                <List.Item key={`${e.path}${e.message}`}>{`${e.path}: ${e.message}`}</List.Item>
              ))}
            </List>
          </Alert>
        )}

        {row && merged?.ok && (
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
            <Button onClick={confirm} loading={busy} disabled={rowNumber === null || !merged?.ok || blocked}>
              {t('metrics.import.confirm')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
