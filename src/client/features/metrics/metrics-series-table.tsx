import { ActionIcon, Button, Group, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useId, useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../domain/metrics-format';
import { parseCountCell, parseDateCell, parseMinuteCell, type CellResult, type MetricsFormValues } from './metrics-form-values';
import type { SeriesKind } from './metrics-series-parse';
import { MetricsSeriesPaste } from './metrics-series-paste';
import { useRowList } from '../../ui/use-row-list';
import { WideTable } from '../../ui/wide-table';

interface Column {
  rowKey: string;
  pointKey: string;
  label: string;
  hint: string;
  parse: (text: string) => CellResult;
  /** The canonical text once the cell is left (`1:05` → `65`, `22/06/2022` → `2022-06-22`, `1234` → `1.234`). */
  normalise: (value: number | string) => string;
}

interface MetricsSeriesTableProps {
  kind: SeriesKind;
  /** Form messages keyed by path (`liveSummary.liveViewersCurve.2.minute`). */
  errorAt: (path: string) => string | undefined;
  /** Rule messages for the whole series (e.g. the days do not add up to the lifetime figure). */
  messages: string[];
  showErrors: boolean;
}

/**
 * A small editable two-column series: the live viewers curve (minute, viewers) or the daily views
 * (date, views), with add/remove and a "Pegar dos columnas" box that fills it from a spreadsheet or a screen.
 */
export function MetricsSeriesTable({ kind, errorAt, messages, showErrors }: MetricsSeriesTableProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const { control, register, getValues, setValue, getFieldState, formState } = useFormContext<MetricsFormValues>();
  const [pasteOpen, setPasteOpen] = useState(false);
  const curve = useRowList({ control, name: 'liveSummary.curve' });
  const daily = useRowList({ control, name: 'sincePublication.daily' });
  const array = kind === 'curve' ? curve : daily;
  const arrayName = kind === 'curve' ? 'liveSummary.curve' : 'sincePublication.daily';
  const path = kind === 'curve' ? 'liveSummary.liveViewersCurve' : 'sincePublication.dailyViews';
  const count = (value: number | string) => formatCount(Number(value));
  const columns: Column[] =
    kind === 'curve'
      ? [
          { rowKey: 'minute', pointKey: 'minute', label: t('metrics.series.minute'), hint: t('metrics.series.minuteHint'), parse: parseMinuteCell, normalise: String },
          { rowKey: 'viewers', pointKey: 'viewers', label: t('metrics.series.viewers'), hint: '', parse: parseCountCell, normalise: count },
        ]
      : [
          { rowKey: 'date', pointKey: 'date', label: t('metrics.series.date'), hint: t('metrics.series.dateHint'), parse: parseDateCell, normalise: String },
          { rowKey: 'views', pointKey: 'views', label: t('metrics.series.views'), hint: '', parse: parseCountCell, normalise: count },
        ];

  const addRow = () => {
    if (kind === 'curve') curve.addRow({ minute: '', viewers: '' });
    else daily.addRow({ date: '', views: '' });
  };

  return (
    <Stack gap="xs" role="group" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-end" gap="xs">
        <div>
          <Title order={3} size="h5" id={titleId}>
            {kind === 'curve' ? t('metrics.series.curveTitle') : t('metrics.series.dailyTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {kind === 'curve' ? t('metrics.series.curveHint') : t('metrics.series.dailyHint')} · {t('metrics.series.count', { count: array.fields.length })}
          </Text>
        </div>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setPasteOpen((open) => !open)} aria-expanded={pasteOpen}>
            {t('metrics.series.paste.open')}
          </Button>
          <Button id={array.ids.add} size="xs" variant="default" onClick={addRow}>
            {t('metrics.series.addRow')}
          </Button>
        </Group>
      </Group>
      {pasteOpen && (
        <MetricsSeriesPaste
          kind={kind}
          onApply={(rows) => {
            if (kind === 'curve') curve.replace(rows as MetricsFormValues['liveSummary']['curve']);
            else daily.replace(rows as MetricsFormValues['sincePublication']['daily']);
            setPasteOpen(false);
          }}
          onClose={() => setPasteOpen(false)}
        />
      )}
      {messages.map((message) => (
        <Text key={message} size="sm" c="orange.9">
          {message}
        </Text>
      ))}
      {array.fields.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('metrics.series.empty')}
        </Text>
      ) : (
        <WideTable label={kind === 'curve' ? t('metrics.series.curveTitle') : t('metrics.series.dailyTitle')} minWidth={360} maxHeight={360}>
          <Table withTableBorder verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.rowKey} scope="col">
                    {column.label}
                    {column.hint && (
                      <Text span size="xs" c="dimmed" display="block" fw={400}>
                        {column.hint}
                      </Text>
                    )}
                  </Table.Th>
                ))}
                <Table.Th scope="col">
                  <VisuallyHidden>{t('actions.remove')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {array.fields.map((row, i) => (
                <Table.Tr key={row.id}>
                  {columns.map((column, c) => {
                    const name = `${arrayName}.${i}.${column.rowKey}` as 'liveSummary.curve.0.minute';
                    const touched = getFieldState(name, formState).isTouched;
                    const error = touched || showErrors ? errorAt(`${path}.${i}.${column.pointKey}`) : undefined;
                    const registration = register(name);
                    return (
                      <Table.Td key={column.rowKey}>
                        <TextInput
                          id={c === 0 ? array.ids.first(i) : undefined}
                          size="xs"
                          aria-label={`${t('metrics.series.row', { n: i + 1 })} · ${column.label}`}
                          autoComplete="off"
                          {...registration}
                          onBlur={(event) => {
                            const parsed = column.parse(getValues(name));
                            if (parsed.ok) setValue(name, column.normalise(parsed.value), { shouldDirty: true });
                            return registration.onBlur(event);
                          }}
                          error={error}
                        />
                      </Table.Td>
                    );
                  })}
                  <Table.Td w={48}>
                    <ActionIcon id={array.ids.remove(i)} variant="subtle" color="red.9" onClick={() => array.removeRow(i)} aria-label={t('metrics.series.removeRow', { n: i + 1 })}>
                      <span aria-hidden="true">×</span>
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
    </Stack>
  );
}
