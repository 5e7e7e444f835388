import { Paper, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A titled part of the forum detail, announced as a region named by its heading. */
export function ForumDetailSection({ title, children, actions }: { title: ReactNode; children: ReactNode; actions?: ReactNode }) {
  const headingId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        {children}
        {actions}
      </Stack>
    </Paper>
  );
}

/** The "nothing recorded" text for an empty field or list. */
export function ForumDetailNone() {
  const { t } = useTranslation();
  return (
    <Text c="dimmed" fs="italic">
      {t('none')}
    </Text>
  );
}

/** Term/value pairs as a description list, laid out in columns on wide screens. */
export function ForumDetailFields({ items }: { items: { term: ReactNode; value: ReactNode }[] }) {
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))', gap: 'var(--mantine-spacing-md)', margin: 0 }}>
      {items.map((item, index) => (
        <div key={index}>
          <Text component="dt" size="sm" fw={700} c="dimmed">
            {item.term}
          </Text>
          <Text component="dd" m={0}>
            {item.value}
          </Text>
        </div>
      ))}
    </dl>
  );
}
