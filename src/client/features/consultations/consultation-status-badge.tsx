import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ConsultationStatus } from '../../../domain/consultation';

/** Dark shades on an outline badge keep the text above 4.5:1 on white and on striped rows (WCAG AA). */
const statusColors: Record<ConsultationStatus, string> = {
  draft: 'gray.8',
  open: 'teal.9',
  closed: 'blue.9',
};

/** A consultation's status: the word carries the meaning, the colour only supports it. */
export function ConsultationStatusBadge({ status }: { status: ConsultationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={statusColors[status]} tt="none" fw={600} styles={{ label: { overflow: 'visible' } }}>
      {t(`consultations.statuses.${status}`)}
    </Badge>
  );
}
