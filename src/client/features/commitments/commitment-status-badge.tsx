import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EffectiveStatus } from '../../../domain/commitment';

const colors: Record<EffectiveStatus, string> = { pending: 'gray.8', in_progress: 'blue.9', overdue: 'red.9', done: 'green.9', cancelled: 'dark.5' };

/** A commitment's status as a person reads it, never cut short by a narrow column; «Vencido» stands out. */
export function CommitmentStatusBadge({ status }: { status: EffectiveStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status]} variant="filled" tt="none" style={{ minWidth: 'max-content' }}>
      {t(`commitments.statuses.${status}`)}
    </Badge>
  );
}
