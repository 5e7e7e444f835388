import { useReducedMotion } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Figure } from '../../../../domain/metrics';
import { formatCompact, formatCount } from '../../../../domain/metrics-format';
import { comparisonFigures, figureText, forumTopic, shortForumTitle, yearComparisonSeries, type YearComparisonForum, type YearComparisonSeries } from './chart-data';
import { ChartFrame, chartColors, chartHeight, chartInk } from '../../../ui/chart-frame';

interface Row {
  id: number;
  name: string;
  title: string;
  approximate: Partial<Record<YearComparisonSeries, boolean>>;
  reach: number | null;
  views3s: number | null;
  views1m: number | null;
  interactions: number | null;
  peakLiveViewers: number | null;
}

/** Grouped bars, one group per forum of the year, one bar per key figure. */
export function YearComparisonChart({ forums, year, headingOrder }: { forums: YearComparisonForum[]; year: number; headingOrder?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const reduceMotion = useReducedMotion();
  const none = t('metricsCharts.noValue');
  const seriesLabel = (key: YearComparisonSeries) => t(`metricsCharts.yearComparison.series.${key}`);
  const withMetrics = forums.filter((f) => f.metrics !== null);
  const figures = withMetrics.map((forum) => ({ forum, figures: comparisonFigures(forum) }));
  const rows: Row[] = figures.map(({ forum, figures: f }) => ({
    id: forum.id,
    name: shortForumTitle(forum.title),
    title: forum.title,
    approximate: Object.fromEntries(yearComparisonSeries.map((key) => [key, f[key]?.approximate ?? false])),
    reach: f.reach?.value ?? null,
    views3s: f.views3s?.value ?? null,
    views1m: f.views1m?.value ?? null,
    interactions: f.interactions?.value ?? null,
    peakLiveViewers: f.peakLiveViewers?.value ?? null,
  }));
  const approximate = figures.some(({ figures: f }) => yearComparisonSeries.some((key) => f[key]?.approximate));

  const highlights = yearComparisonSeries
    .map((key) => {
      const best = figures.reduce<{ title: string; figure: Figure } | null>((acc, { forum, figures: f }) => {
        const figure = f[key];
        return figure && (!acc || figure.value > acc.figure.value) ? { title: forum.title, figure } : acc;
      }, null);
      return best ? String(t('metricsCharts.yearComparison.highlight', { series: seriesLabel(key), forum: forumTopic(best.title), value: figureText(best.figure, none) })) : '';
    })
    .filter((text) => text !== '')
    .join(' ');
  const summary = t('metricsCharts.yearComparison.summary', {
    count: withMetrics.length,
    year,
    series: yearComparisonSeries.map(seriesLabel).join(', '),
    highlights,
  });

  return (
    <ChartFrame
      title={t('metricsCharts.yearComparison.title')}
      empty={withMetrics.length === 0 && t('metricsCharts.yearComparison.empty')}
      summary={summary}
      caption={t('metricsCharts.yearComparison.caption', { year })}
      columns={[{ label: t('metricsCharts.yearComparison.forum') }, ...yearComparisonSeries.map((key) => ({ label: seriesLabel(key), numeric: true }))]}
      rows={figures.map(({ forum, figures: f }) => ({ key: forum.id, cells: [forum.title, ...yearComparisonSeries.map((key) => figureText(f[key], none))] }))}
      approximate={approximate}
      headingOrder={headingOrder}
    >
      {(width) => (
        <BarChart width={width} height={chartHeight} data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={chartInk.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fill: chartInk.tick, fontSize: 12 }} stroke={chartInk.axis} interval={0} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => formatCompact(v)} tick={{ fill: chartInk.tick, fontSize: 12 }} stroke={chartInk.axis} width={56} />
          <Tooltip
            separator=": "
            itemSorter={(item) => yearComparisonSeries.indexOf(item.dataKey as YearComparisonSeries)}
            labelFormatter={(_label, payload) => (payload?.[0]?.payload as Row | undefined)?.title ?? String(_label)}
            formatter={(value, name, item) => {
              const key = item.dataKey as YearComparisonSeries;
              const row = item.payload as Row;
              return [value == null ? none : formatCount(Number(value), { approximate: row.approximate[key] }), name];
            }}
          />
          <Legend itemSorter={null} />
          {yearComparisonSeries.map((key, i) => (
            <Bar key={key} dataKey={key} name={seriesLabel(key)} fill={chartColors[i]} isAnimationActive={!reduceMotion} />
          ))}
        </BarChart>
      )}
    </ChartFrame>
  );
}
