import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Consultation } from '../../../domain/consultation';

/**
 * Why a consultation that is not open takes no responses now (typed or imported), from its real status, and
 * what the person can do about it: open a draft; reopen a closed one to add the responses that arrived late
 * (those dated after the close are then kept and marked «Fuera de plazo»). The rule is the domain's
 * (responsesRefusedReason, and the import route's own check): only an open consultation takes responses.
 */
export function ConsultationStatusNotice({ consultation, action }: { consultation: Pick<Consultation, 'id' | 'status'>; action: 'add' | 'import' }) {
  const { t } = useTranslation();
  if (consultation.status === 'open') return null;
  return (
    <Text size="sm" role="note" fw={500}>
      {t(`consultations.statusNotice.${consultation.status}.${action}`)}{' '}
      <Anchor component={Link} to={`/consultas/${consultation.id}/editar`} size="sm" c="blue.9" underline="always">
        {t(`consultations.statusNotice.${consultation.status}.link`)}
      </Anchor>
    </Text>
  );
}
