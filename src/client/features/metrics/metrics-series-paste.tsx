import { Button, Group, List, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePastedSeries, toTableRows, type SeriesKind } from './metrics-series-parse';

interface MetricsSeriesPasteProps {
  kind: SeriesKind;
  onApply: (rows: ReturnType<typeof toTableRows>) => void;
  onClose: () => void;
}

/** Previews pasted two-column lines (how many rows are usable, which lines are wrong and why) before they replace the table. */
export function MetricsSeriesPaste({ kind, onApply, onClose }: MetricsSeriesPasteProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const deferred = useDeferredValue(text);
  const result = useMemo(() => parsePastedSeries(deferred, kind), [deferred, kind]);
  const shownErrors = result.errors.slice(0, 50);
  return (
    <Paper withBorder p="sm" radius="md" bg="gray.0">
      <Stack gap="xs">
        <Textarea
          label={t('metrics.series.paste.label')}
          description={kind === 'curve' ? t('metrics.series.paste.hintCurve') : t('metrics.series.paste.hintDaily')}
          autosize
          minRows={4}
          maxRows={12}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          data-autofocus
        />
        {deferred.trim() !== '' && (
          <div aria-live="polite">
            <Text size="sm" fw={600}>
              {result.rows.length > 0 ? t('metrics.series.paste.preview', { count: result.rows.length }) : t('metrics.series.paste.previewNone')}
            </Text>
            {result.errors.length > 0 && (
              <>
                <Text size="sm" c="red.9">
                  {t('metrics.series.paste.errors', { count: result.errors.length })}
                </Text>
                <List size="sm" c="red.9">
                  {shownErrors.map((error) => (
                    <List.Item key={error.line}>{t('metrics.series.paste.line', { n: error.line, message: error.message })}</List.Item>
                  ))}
                </List>
              </>
            )}
          </div>
        )}
        <Group gap="xs">
          <Button size="xs" disabled={result.rows.length === 0 || text !== deferred} onClick={() => onApply(toTableRows(kind, result.rows))}>
            {t('metrics.series.paste.apply')}
          </Button>
          <Button size="xs" variant="default" onClick={onClose}>
            {t('metrics.series.paste.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
