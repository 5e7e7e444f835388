import { useReducedMotion } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../../../../domain/metrics-format';
import { ChartFrame, chartColors, chartHeight, chartInk } from '../../../ui/chart-frame';
import type { ConsultationTally } from '../consultation-types';

const allSeries = ['internal', 'external', 'unspecified'] as const;

/** Shortens a topic title for the axis (the tooltip and the table carry the whole title). */
const shortTitle = (title: string) => (title.length > 28 ? `${title.slice(0, 26).trimEnd()}…` : title);

/** Stacked bars: one bar per topic (most voted first), split into internal and external value groups. */
export function ConsultationVotesChart({ byTopic }: { byTopic: ConsultationTally['byTopic'] }) {
  const { t } = useTranslation();
  const reduceMotion = useReducedMotion();
  const rows = [...byTopic].sort((a, b) => b.votes - a.votes).map((row) => ({ ...row, name: shortTitle(row.title) }));
  // «Grupo no indicado» is a third part of the bar only when some response did not say its value group.
  const series = allSeries.filter((key) => key !== 'unspecified' || rows.some((row) => row.unspecified > 0));
  const label = (key: (typeof allSeries)[number]) => t(`consultations.results.${key}`);
  const top = rows[0];
  const summary =
    top && top.votes > 0
      ? t(series.includes('unspecified') ? 'consultations.results.chart.summaryUnspecified' : 'consultations.results.chart.summary', {
          count: rows.length,
          top: top.title,
          votes: formatCount(top.votes),
          internal: formatCount(top.internal),
          external: formatCount(top.external),
          unspecified: formatCount(top.unspecified),
        })
      : t('consultations.results.chart.summaryEmpty');

  return (
    <ChartFrame
      title={t('consultations.results.chart.title')}
      summary={summary}
      caption={t('consultations.results.chart.caption')}
      columns={[{ label: t('consultations.results.topic') }, { label: t('consultations.results.votes'), numeric: true }, ...series.map((key) => ({ label: label(key), numeric: true }))]}
      rows={rows.map((row) => ({ key: row.topicId, cells: [row.title, formatCount(row.votes), ...series.map((key) => formatCount(row[key]))] }))}
      headingOrder={2}
    >
      {(width) => (
        <BarChart width={width} height={chartHeight} data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={chartInk.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fill: chartInk.tick, fontSize: 12 }} stroke={chartInk.axis} interval={0} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} tick={{ fill: chartInk.tick, fontSize: 12 }} stroke={chartInk.axis} width={56} />
          <Tooltip
            separator=": "
            labelFormatter={(_label, payload) => (payload?.[0]?.payload as { title?: string } | undefined)?.title ?? String(_label)}
            formatter={(value, name) => [formatCount(Number(value)), name]}
          />
          <Legend itemSorter={null} />
          {series.map((key, i) => (
            <Bar key={key} dataKey={key} name={label(key)} stackId="votes" fill={chartColors[i]} isAnimationActive={!reduceMotion} />
          ))}
        </BarChart>
      )}
    </ChartFrame>
  );
}
