import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Deadline } from '../../../domain/question';

/** Colours of the theme's AA shades (9): overdue red, due soon orange, on time green; the word carries the meaning. */
const colors: Record<Deadline, string> = {
  none: 'gray.9',
  overdue: 'red.9',
  due_soon: 'orange.9',
  on_track: 'blue.9',
  answered_on_time: 'green.9',
  answered_late: 'orange.9',
};

/** Where a case stands against its legal term, as a word (not only a colour). */
export function DeadlineBadge({ deadline }: { deadline: Deadline }) {
  const { t } = useTranslation();
  if (deadline === 'none') return null;
  return (
    <Badge variant="filled" color={colors[deadline]} size="sm">
      {t(`questions.deadline.${deadline}`)}
    </Badge>
  );
}
