import { Box, Button, Group, Paper, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type DataTableColumn, type DataTableRow } from './data-table';

/**
 * Series colours: a darkened Okabe–Ito palette, each ≥ 4.5:1 on white (so also usable for text) and told
 * apart by colour-blind readers; the legend always names each series, so colour is never the only cue.
 */
export const chartColors = ['#0b5fa5', '#a65200', '#00755e', '#a0367a', '#3d3d3d'] as const;
/** Axis, grid and tick colours (ticks ≥ 4.5:1 on white). */
export const chartInk = { tick: '#495057', grid: '#dee2e6', axis: '#868e96' } as const;
export const chartHeight = 280;
/** jsdom (and a hidden tab) measures 0: draw at this width instead of not at all. */
const fallbackWidth = 640;

export type { DataTableColumn as ChartTableColumn, DataTableRow as ChartTableRow };

interface ChartFrameProps {
  title: string;
  /** Shown under the title when the series has no points (and then no chart nor table). */
  empty?: string | false;
  /** aria-label of the chart: what a sighted reader takes from it. */
  summary: string;
  caption: string;
  columns: DataTableColumn[];
  rows: DataTableRow[];
  /** Adds the note explaining ≈. */
  approximate?: boolean;
  headingOrder?: 2 | 3 | 4;
  /** Draws the chart at the measured width. */
  children: (width: number) => ReactNode;
}

/**
 * A titled chart with its accessible alternative: the drawing is one `role="img"` with a summary, and a
 * "Ver datos como tabla" toggle shows the same data as a table with a caption.
 */
export function ChartFrame({ title, empty, summary, caption, columns, rows, approximate, headingOrder = 3, children }: ChartFrameProps) {
  const { t } = useTranslation();
  const [tableOpen, setTableOpen] = useState(false);
  const tableId = useId();
  const { ref, width } = useElementSize();

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs" mb="sm">
        <Title order={headingOrder} size="h4">
          {title}
        </Title>
        {!empty && (
          <Button variant="default" size="xs" aria-expanded={tableOpen} aria-controls={tableId} onClick={() => setTableOpen((open) => !open)}>
            {tableOpen ? t('metricsCharts.hideTable') : t('metricsCharts.showTable')}
          </Button>
        )}
      </Group>
      {empty ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <>
          <Box ref={ref} w="100%" h={chartHeight} role="img" aria-label={summary}>
            {children(width > 0 ? Math.floor(width) : fallbackWidth)}
          </Box>
          {approximate && (
            <Text c="dimmed" size="xs" mt="xs">
              {t('metricsCharts.approximateNote')}
            </Text>
          )}
          <div id={tableId} hidden={!tableOpen}>
            {tableOpen && (
              <DataTable caption={caption} columns={columns} rows={rows} minWidth={320} maxHeight={360} />
            )}
          </div>
        </>
      )}
    </Paper>
  );
}
