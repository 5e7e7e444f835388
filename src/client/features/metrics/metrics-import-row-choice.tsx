import { Select, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../domain/metrics-format';
import type { MetricsImportRowSummary } from '../../../domain/metrics-update';
import { formatDate } from '../../lib/format';
import type { ImportPreview } from './metrics-import-request';
import { DateInputField } from '../../ui/date-field';

interface RowChoiceProps {
  rows: MetricsImportRowSummary[];
  rowNumber: number | null;
  /** The route's own choice, when the person had not chosen: how it matched. */
  firstChoice: ImportPreview['selectedRow'];
  onRow: (rowNumber: number) => void;
}

/** Which row of the file goes to this forum (the route's choice, changeable), and why it was chosen. */
export function MetricsImportRowChoice({ rows, rowNumber, firstChoice, onRow }: RowChoiceProps) {
  const { t } = useTranslation();
  // One option per row (10.000 in a big export): built once, and filled from the catalog's pattern rather than
  // through t() per row (t() costs microseconds; 10.000 of them show).
  const rowOptions = useMemo(() => {
    const untitled = t('metrics.import.rowUntitled');
    const pattern = t('metrics.import.rowOption', { n: '\u0000n', label: '\u0000label' });
    const dates = new Map<string, string>();
    const date = (iso: string) => dates.get(iso) ?? dates.set(iso, formatDate(iso)).get(iso)!;
    return rows.map((r) => ({
      value: String(r.rowNumber),
      // Function replacements: a title with "$&" stays as written.
      label: pattern
        .replace('\u0000n', () => String(r.rowNumber))
        .replace('\u0000label', () => [r.title || untitled, r.publishDate ? date(r.publishDate) : null, r.day ? date(r.day) : null].filter(Boolean).join(' · ')),
    }));
  }, [rows, t]);
  const matchedText =
    rowNumber === null
      ? t('metrics.import.matchedBy.none')
      : firstChoice && rowNumber === firstChoice.rowNumber && firstChoice.matchedBy !== 'row'
        ? firstChoice.matchedBy === 'single'
          ? t('metrics.import.matchedBy.only')
          : t(`metrics.import.matchedBy.${firstChoice.matchedBy}`)
        : t('metrics.import.matchedBy.manual');
  return (
    <Stack gap={4}>
      <Text size="sm">{t('metrics.import.rowsCount', { count: rows.length, n: formatCount(rows.length) })}</Text>
      {rows.length > 1 && (
        <Select
          label={t('metrics.import.row')}
          data={rowOptions}
          value={rowNumber === null ? null : String(rowNumber)}
          onChange={(value) => {
            if (value !== null) onRow(Number(value));
          }}
          allowDeselect={false}
          searchable={rows.length > 10}
          limit={200}
          comboboxProps={{ withinPortal: false }}
        />
      )}
      <Text size="sm" c={rowNumber === null ? 'red.9' : 'dimmed'}>
        {matchedText}
      </Text>
    </Stack>
  );
}

/** «Fecha de corte» of the file's figures: empty = the file's date, else each snapshot's saved one (or the forum's). */
export function MetricsImportAsOf({ fileAsOf, value, error, onChange }: { fileAsOf: string | null; value: string; error?: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <DateInputField
      label={t('metrics.import.asOf')}
      description={[fileAsOf ? t('metrics.import.asOfFromFile', { date: formatDate(fileAsOf) }) : null, t('metrics.import.asOfHint')].filter(Boolean).join(' ')}
      value={value}
      onChange={(next) => onChange(next ?? '')}
      error={error}
      maw={420}
    />
  );
}
