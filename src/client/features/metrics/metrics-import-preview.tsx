import { Alert, Badge, Button, Group, List, Modal, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Forum } from '../../../domain/forum';
import { figureLabels, snapshotKinds, snapshotLabels, type Figure, type MetricSource, type SnapshotKind } from '../../../domain/metrics';
import { formatCount } from '../../../domain/metrics-format';
import { metricsImportFormatLabels, type MetricsImportResult } from '../../../domain/metrics-import';
import { mergeImportedMetrics } from '../../../domain/metrics-import-merge';
import { checkMetrics, hasBlockingIssues, type MetricsRuleId } from '../../../domain/metrics-rules';
import { sameForumMetrics, type ForumMetricsRecord } from '../../../domain/metrics-update';
import { formatDate } from '../../lib/format';
import { errorMessage } from '../../lib/http';
import { MetricsFormIssues } from './metrics-form-issues';
import { MetricsFigureText } from './metrics-form-readonly';
import { sectionFigures, warningKey } from './metrics-form-values';
import { chooseRow, type RowChoice } from './metrics-import-values';
import { DateInputField } from '../../ui/date-field';

export type ParsedFile = Extract<MetricsImportResult, { ok: true }>;

interface MetricsImportPreviewProps {
  fileName: string;
  parsed: ParsedFile;
  forum: Forum;
  saved: ForumMetricsRecord;
  busy: boolean;
  error: unknown;
  onConfirm: (choice: { rowNumber: number; acknowledge: MetricsRuleId[]; asOf?: string }) => void;
  onCancel: () => void;
}

const seriesFields = { liveSummary: ['liveViewersCurve'], sincePublication: ['dailyViews', 'retentionCurve'], postCard: [] } as const;

/**
 * What an import would do, before anything is saved: the format, how each column was read, which row goes
 * to this forum (changeable), the figures that would be written next to the saved ones and the rules' verdict
 * on the result. Only "Confirmar importación" saves.
 */
export function MetricsImportPreview({ fileName, parsed, forum, saved, busy, error, onConfirm, onCancel }: MetricsImportPreviewProps) {
  const { t } = useTranslation();
  const [initialChoice] = useState<RowChoice>(() => chooseRow(parsed.rows, forum));
  const [rowNumber, setRowNumber] = useState<number | null>(initialChoice?.rowNumber ?? null);
  const [acknowledged, setAcknowledged] = useState<Set<string>>(new Set());
  const row = parsed.rows.find((r) => r.rowNumber === rowNumber) ?? null;
  // «Fecha de corte»: empty = the file's date, else each snapshot's saved one (or the forum's, for the live summary).
  const [chosenAsOf, setChosenAsOf] = useState('');
  const merged = useMemo(() => (row ? mergeImportedMetrics(saved, row, { asOf: chosenAsOf || null, forumDate: forum.date }) : null), [row, saved, chosenAsOf, forum.date]);
  const asOfError = merged && !merged.ok ? merged.errors.find((e) => e.path === 'asOf')?.message : undefined;
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

  /** The snapshots and figures the chosen row writes, with the saved value next to the new one; its as-of date and source first. */
  const asOfDates = merged?.asOf ?? [];
  const changes = snapshotKinds.flatMap((kind: SnapshotKind) => {
    const imported = row?.values[kind] as Record<string, unknown> | undefined;
    if (!imported) return [];
    const figures = sectionFigures[kind].filter((field) => imported[field] !== undefined);
    const series = (seriesFields[kind] as readonly string[]).filter((field) => Array.isArray(imported[field]));
    const asOf = asOfDates.find((a) => a.kind === kind) ?? null;
    const current = saved[kind] as Record<string, unknown> | null;
    return [{ kind, figures, series, imported, current, asOf, source: { before: (current?.source as MetricSource | undefined) ?? null, after: imported.source as MetricSource } }];
  });
  const dateText = (iso: string | null) => (iso ? formatDate(iso) : t('metrics.import.noDate'));

  const confirm = () => {
    if (rowNumber === null || !merged?.ok || blocked) return;
    if (pending.length > 0) {
      setRefused(true);
      return;
    }
    onConfirm({ rowNumber, acknowledge: [...new Set(warnings.map((w) => w.rule))], asOf: chosenAsOf || undefined });
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
        </SimpleGrid>
        {parsed.dateOrder?.decidedBy === 'fallback' && (
          <Alert color="yellow" variant="light" role="note">
            <Text size="sm">
              {t('metrics.import.dateOrderFallback', { order: t(parsed.dateOrder.dayFirst ? 'metrics.import.dayFirst' : 'metrics.import.monthFirst') })}
            </Text>
          </Alert>
        )}

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
          <DateInputField
            label={t('metrics.import.asOf')}
            description={[row.asOf ? t('metrics.import.asOfFromFile', { date: formatDate(row.asOf) }) : null, t('metrics.import.asOfHint')].filter(Boolean).join(' ')}
            value={chosenAsOf}
            onChange={(value) => {
              setChosenAsOf(value ?? '');
              setAcknowledged(new Set());
              setRefused(false);
            }}
            error={asOfError}
            maw={420}
          />
        )}

        {row && (
          <section aria-label={t('metrics.import.values')}>
            <Title order={3} size="h5" mb={4}>
              {t('metrics.import.values')}
            </Title>
            {merged?.ok && sameForumMetrics(saved, merged.metrics) && (
              <Text size="sm" mb={4}>
                {t('metrics.import.noChange')}
              </Text>
            )}
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
                    {changes.flatMap(({ kind, figures, series, imported, current, asOf, source }) => [
                      <Table.Tr key={`${kind}.asOf`}>
                        <Table.Td>{snapshotLabels[kind]}</Table.Td>
                        <Table.Td>{t('metrics.import.asOfLabel')}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateText(asOf?.before ?? null)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }} c={asOf?.after ? undefined : 'red.9'}>
                          {asOf?.after ? dateText(asOf.after) : t('metrics.import.asOfMissing')}
                        </Table.Td>
                      </Table.Tr>,
                      <Table.Tr key={`${kind}.source`}>
                        <Table.Td>{snapshotLabels[kind]}</Table.Td>
                        <Table.Td>{t('metrics.import.sourceLabel')}</Table.Td>
                        <Table.Td>{source.before ? t(`metrics.sources.${source.before}`) : t('metrics.import.noDate')}</Table.Td>
                        <Table.Td>{t(`metrics.sources.${source.after}`)}</Table.Td>
                      </Table.Tr>,
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

        {merged && !merged.ok && merged.errors.some((e) => e.path !== 'asOf') && (
          <Alert color="red" variant="light" role="alert">
            <List size="sm">
              {merged.errors.filter((e) => e.path !== 'asOf').map((e) => (
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
