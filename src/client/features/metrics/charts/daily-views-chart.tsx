import { useReducedMotion } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyViewsPoint } from '../../../../domain/metrics';
import { formatCompact, formatCount } from '../../../../domain/metrics-format';
import { formatDate, formatShortDate } from '../../../lib/format';
import { formatDayMonth, peakOf } from './chart-data';
import { ChartFrame, chartColors, chartHeight, chartInk } from '../../../ui/chart-frame';

/** Views per day since the video was published (the since-publication snapshot's series). */
export function DailyViewsChart({ points, headingOrder }: { points: DailyViewsPoint[]; headingOrder?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const reduceMotion = useReducedMotion();
  const peak = peakOf(points, (p) => p.views);
  const label = t('metricsCharts.dailyViews.views');
  const summary = peak
    ? t('metricsCharts.dailyViews.summary', {
        from: formatDate(points[0].date),
        to: formatDate(points[points.length - 1].date),
        points: formatCount(points.length),
        total: formatCount(points.reduce((sum, p) => sum + p.views, 0)),
        peak: formatCount(peak.views),
        peakAt: formatDate(peak.date),
      })
    : '';

  return (
    <ChartFrame
      title={t('metricsCharts.dailyViews.title')}
      empty={points.length === 0 && t('metricsCharts.dailyViews.empty')}
      summary={summary}
      caption={t('metricsCharts.dailyViews.caption')}
      columns={[{ label: t('metricsCharts.dailyViews.date') }, { label, numeric: true }]}
      rows={points.map((p) => ({ key: p.date, cells: [formatShortDate(p.date), formatCount(p.views)] }))}
      headingOrder={headingOrder}
    >
      {(width) => (
        <BarChart width={width} height={chartHeight} data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={chartInk.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(date: string) => formatDayMonth(date)} tick={{ fill: chartInk.tick, fontSize: 12 }} stroke={chartInk.axis} minTickGap={16} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => formatCompact(v)} tick={{ fill: chartInk.tick, fontSize: 12 }} stroke={chartInk.axis} width={56} />
          <Tooltip separator=": " labelFormatter={(date) => formatDate(String(date))} formatter={(value) => [formatCount(Number(value)), label]} />
          <Legend itemSorter={null} />
          <Bar dataKey="views" name={label} fill={chartColors[0]} isAnimationActive={!reduceMotion} />
        </BarChart>
      )}
    </ChartFrame>
  );
}
