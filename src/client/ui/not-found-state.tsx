import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

/** A page whose record does not exist: its title as the page's heading, a hint, and a way back. */
export function NotFoundState({ title, hint, backTo, backLabel }: { title: string; hint: string; backTo: string; backLabel: string }) {
  return (
    <Stack align="flex-start" py="xl" gap="sm">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">{hint}</Text>
      <Button component={Link} to={backTo}>
        {backLabel}
      </Button>
    </Stack>
  );
}
