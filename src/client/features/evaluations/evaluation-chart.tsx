import { Box } from '@mantine/core';
import { useElementSize, useReducedMotion } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvaluationTally } from '../../../domain/evaluation';
import { formatCount } from '../../../domain/metrics-format';

/** 1 (red) … 5 (green), darkened for contrast on white. */
const scoreColors = ['#b02a37', '#a65200', '#5c5f66', '#2b7a4b', '#0b5fa5'] as const;
const ink = { tick: '#495057', grid: '#dee2e6', axis: '#868e96' } as const;

/** Stacked bars, one per question: how many gave each score. The table beside it carries the same figures. */
export function EvaluationChart({ tally }: { tally: EvaluationTally }) {
  const { t } = useTranslation();
  const reduceMotion = useReducedMotion();
  const { ref, width } = useElementSize();
  const rows = tally.questions.map((q, i) => ({ name: `P${i + 1}`, title: q.text, s1: q.counts[0], s2: q.counts[1], s3: q.counts[2], s4: q.counts[3], s5: q.counts[4] }));
  return (
    <Box ref={ref} role="img" aria-label={`${t('evaluations.chartTitle')}. ${t('evaluations.chartSummary')}`}>
      {width > 0 && (
        <BarChart width={width} height={280} data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke={ink.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fill: ink.tick, fontSize: 12 }} stroke={ink.axis} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} tick={{ fill: ink.tick, fontSize: 12 }} stroke={ink.axis} width={48} />
          <Tooltip separator=": " labelFormatter={(_l, payload) => (payload?.[0]?.payload as { title?: string } | undefined)?.title ?? String(_l)} />
          <Legend itemSorter={null} />
          {([1, 2, 3, 4, 5] as const).map((s) => (
            <Bar key={s} dataKey={`s${s}`} name={t('evaluations.score', { score: s })} stackId="scores" fill={scoreColors[s - 1]} isAnimationActive={!reduceMotion} />
          ))}
        </BarChart>
      )}
    </Box>
  );
}
