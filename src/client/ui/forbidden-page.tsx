import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';

/**
 * What a person sees on a page their role may not open (the API would answer 403): a heading that says so, what to
 * do about it, and a way back — to where they came from when the app brought them here, else to their start page.
 */
export function ForbiddenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The first page of a visit has the key 'default': opened directly, there is nothing in the app to go back to.
  const cameFromApp = useLocation().key !== 'default';
  return (
    <Stack align="flex-start" py="xl" gap="sm">
      <Title order={1} size="h2">
        {t('state.forbidden')}
      </Title>
      <Text c="dimmed">{t('state.forbiddenHint')}</Text>
      <Group gap="sm">
        {cameFromApp && (
          <Button variant="default" onClick={() => void navigate(-1)}>
            {t('actions.back')}
          </Button>
        )}
        <Button component={Link} to="/">
          {t('state.goHome')}
        </Button>
      </Group>
    </Stack>
  );
}
