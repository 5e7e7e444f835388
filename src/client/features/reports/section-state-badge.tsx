import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SectionState } from './report-types';

/** Dark shades on an outline badge keep the text above 4.5:1 (WCAG AA); the word carries the meaning. */
const stateColors: Record<SectionState, string> = {
  draft: 'gray.8',
  in_review: 'blue.9',
  approved: 'teal.9',
  changes_requested: 'red.9',
};

export function SectionStateBadge({ state }: { state: SectionState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={stateColors[state]} tt="none" fw={600} styles={{ label: { overflow: 'visible' } }}>
      {t(`reports.states.${state}`)}
    </Badge>
  );
}
