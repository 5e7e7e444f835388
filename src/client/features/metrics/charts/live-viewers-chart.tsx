import { useReducedMotion } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { LiveViewersPoint } from '../../../../domain/metrics';
import { formatCompact, formatCount, formatDuration, formatMinSec } from '../../../../domain/metrics-format';
import { downsample, peakOf } from './chart-data';
import { ChartFrame, chartColors, chartHeight, chartInk } from '../../../ui/chart-frame';

/** Concurrent live viewers over the broadcast's minutes (the live summary's curve). */
export function LiveViewersChart({ points, headingOrder }: { points: LiveViewersPoint[]; headingOrder?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const reduceMotion = useReducedMotion();
  const peak = peakOf(points, (p) => p.viewers);
  const last = points[points.length - 1];
  const label = t('metricsCharts.liveViewers.viewers');
  const summary = peak
    ? t('metricsCharts.liveViewers.summary', {
        duration: formatDuration(last.minute * 60),
        points: formatCount(points.length),
        peak: formatCount(peak.viewers),
        peakAt: formatMinSec(peak.minute * 60),
      })
    : '';

  return (
    <ChartFrame
      title={t('metricsCharts.liveViewers.title')}
      empty={points.length === 0 && t('metricsCharts.liveViewers.empty')}
      summary={summary}
      caption={t('metricsCharts.liveViewers.caption')}
      columns={[{ label: t('metricsCharts.liveViewers.minute') }, { label, numeric: true }]}
      rows={points.map((p) => ({ key: p.minute, cells: [formatMinSec(p.minute * 60), formatCount(p.viewers)] }))}
      headingOrder={headingOrder}
    >
      {(width) => (
        <AreaChart width={width} height={chartHeight} data={downsample(points, (p) => p.viewers)} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={chartInk.grid} strokeDasharray="3 3" />
          <XAxis
            dataKey="minute"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(minute: number) => formatMinSec(minute * 60)}
            tick={{ fill: chartInk.tick, fontSize: 12 }}
            stroke={chartInk.axis}
          />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => formatCompact(v)} tick={{ fill: chartInk.tick, fontSize: 12 }} stroke={chartInk.axis} width={56} />
          <Tooltip
            separator=": "
            labelFormatter={(minute) => `${t('metricsCharts.liveViewers.minute')}: ${formatMinSec(Number(minute) * 60)}`}
            formatter={(value) => [formatCount(Number(value)), label]}
          />
          <Legend itemSorter={null} />
          <Area
            type="monotone"
            dataKey="viewers"
            name={label}
            stroke={chartColors[0]}
            strokeWidth={2}
            fill={chartColors[0]}
            fillOpacity={0.15}
            isAnimationActive={!reduceMotion}
          />
        </AreaChart>
      )}
    </ChartFrame>
  );
}
