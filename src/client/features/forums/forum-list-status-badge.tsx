import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ForumStatus } from '../../../domain/forum';

/** Dark shades on an outline badge: the text stays above 4.5:1 on white and on striped rows (gray.0), WCAG AA. green.9 does not (4.1). */
const statusColors: Record<ForumStatus, string> = {
  planned: 'blue.9',
  held: 'teal.9',
  cancelled: 'red.9',
};

/** A forum's status as a badge: the word carries the meaning, the colour only supports it. */
export function ForumListStatusBadge({ status }: { status: ForumStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={statusColors[status]} tt="none" fw={600} styles={{ label: { overflow: 'visible' } }}>
      {t(`forums.statuses.${status}`)}
    </Badge>
  );
}
