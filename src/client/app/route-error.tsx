import { Button, Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { ErrorState } from '../ui/states';

/** Shown when a page throws (or its lazy chunk fails to load, e.g. after a deploy). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Container py="xl">
      <ErrorState error={error} />
      <Button variant="default" onClick={() => window.location.reload()}>
        {t('actions.retry')}
      </Button>
    </Container>
  );
}
