import { useReducedMotion } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RetentionPoint } from '../../../../domain/metrics';
import { formatCount, formatPercent } from '../../../../domain/metrics-format';
import { downsample } from './chart-data';
import { ChartFrame, chartColors, chartHeight, chartInk } from '../../../ui/chart-frame';

/** Share of the audience still watching at each interval of the video (Meta: 40 equal intervals). */
export function RetentionChart({ points, headingOrder }: { points: RetentionPoint[]; headingOrder?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const reduceMotion = useReducedMotion();
  const label = t('metricsCharts.retention.percent');
  const intervalLabel = t('metricsCharts.retention.interval');
  const last = points[points.length - 1];
  const summary = last
    ? t('metricsCharts.retention.summary', {
        points: formatCount(points.length),
        first: formatPercent(points[0].percent),
        last: formatPercent(last.percent),
        lastInterval: formatCount(last.interval),
      })
    : '';
  // Meta stays within 0–100 %; YouTube's audience watch ratio can go above.
  const top = points.reduce((max, p) => Math.max(max, p.percent), 100);

  return (
    <ChartFrame
      title={t('metricsCharts.retention.title')}
      empty={points.length === 0 && t('metricsCharts.retention.empty')}
      summary={summary}
      caption={t('metricsCharts.retention.caption')}
      columns={[{ label: intervalLabel }, { label, numeric: true }]}
      rows={points.map((p) => ({ key: p.interval, cells: [formatCount(p.interval), formatPercent(p.percent)] }))}
      headingOrder={headingOrder}
    >
      {(width) => (
        <LineChart width={width} height={chartHeight} data={downsample(points, (p) => p.percent)} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={chartInk.grid} strokeDasharray="3 3" />
          <XAxis dataKey="interval" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fill: chartInk.tick, fontSize: 12 }} stroke={chartInk.axis} />
          <YAxis domain={[0, Math.ceil(top)]} tickFormatter={(v: number) => formatPercent(v)} tick={{ fill: chartInk.tick, fontSize: 12 }} stroke={chartInk.axis} width={56} />
          <Tooltip separator=": " labelFormatter={(interval) => `${intervalLabel} ${formatCount(Number(interval))}`} formatter={(value) => [formatPercent(Number(value)), label]} />
          <Legend itemSorter={null} />
          <Line type="monotone" dataKey="percent" name={label} stroke={chartColors[2]} strokeWidth={2} dot={points.length <= 60} isAnimationActive={!reduceMotion} />
        </LineChart>
      )}
    </ChartFrame>
  );
}
