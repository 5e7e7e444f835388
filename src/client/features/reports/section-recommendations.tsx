import { ActionIcon, Button, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The recommendations as a list of items: add, remove, move up and down (writers); a plain list otherwise. */
export function SectionRecommendations({ items, editable, onChange }: { items: string[]; editable: boolean; onChange: (items: string[]) => void }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const focusRow = (index: number, selector = 'textarea') =>
    requestAnimationFrame(() => container.current?.querySelectorAll<HTMLElement>(`[data-row="${index}"] ${selector}`)[0]?.focus());

  if (!editable) {
    return (
      <section aria-labelledby="recommendations-title">
        <Title order={2} size="h4" id="recommendations-title" mb="xs">
          {t('reports.recommendations.title')}
        </Title>
        {items.length === 0 ? (
          <Text c="dimmed">{t('reports.recommendations.empty')}</Text>
        ) : (
          <List spacing="xs">
            {items.map((item, i) => (
              <List.Item key={i}>{item}</List.Item>
            ))}
          </List>
        )}
      </section>
    );
  }

  const move = (index: number, to: number) => {
    const next = [...items];
    [next[index], next[to]] = [next[to], next[index]];
    onChange(next);
    focusRow(to, `button[data-dir="${to < index ? 'up' : 'down'}"]:not(:disabled), textarea`);
  };

  return (
    <section aria-labelledby="recommendations-title" ref={container}>
      <Title order={2} size="h4" id="recommendations-title">
        {t('reports.recommendations.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('reports.recommendations.hint')}
      </Text>
      <Stack gap="xs">
        {items.map((item, i) => (
          <Group key={i} align="flex-start" gap="xs" wrap="nowrap" data-row={i}>
            <Textarea
              label={t('reports.recommendations.item', { n: i + 1 })}
              value={item}
              onChange={(event) => onChange(items.map((it, j) => (j === i ? event.currentTarget.value : it)))}
              autosize
              minRows={1}
              maxRows={8}
              style={{ flex: 1 }}
            />
            <Group gap={4} mt={24} wrap="nowrap">
              <ActionIcon variant="default" data-dir="up" aria-label={t('reports.recommendations.moveUp', { n: i + 1 })} disabled={i === 0} onClick={() => move(i, i - 1)}>
                <span aria-hidden="true">↑</span>
              </ActionIcon>
              <ActionIcon
                variant="default"
                data-dir="down"
                aria-label={t('reports.recommendations.moveDown', { n: i + 1 })}
                disabled={i === items.length - 1}
                onClick={() => move(i, i + 1)}
              >
                <span aria-hidden="true">↓</span>
              </ActionIcon>
              <ActionIcon
                variant="default"
                color="red"
                aria-label={t('reports.recommendations.remove', { n: i + 1 })}
                onClick={() => {
                  onChange(items.filter((_, j) => j !== i));
                  focusRow(Math.max(0, i - 1));
                }}
              >
                <span aria-hidden="true">✕</span>
              </ActionIcon>
            </Group>
          </Group>
        ))}
        <Button
          variant="default"
          onClick={() => {
            onChange([...items, '']);
            focusRow(items.length);
          }}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('reports.recommendations.add')}
        </Button>
      </Stack>
    </section>
  );
}
