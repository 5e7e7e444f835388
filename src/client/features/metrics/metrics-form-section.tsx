import { Group, Paper, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { metricSources, snapshotLabels, type SnapshotKind } from '../../../domain/metrics';
import { MetricsFigureInput } from './metrics-figure-input';
import { sectionFigures, type MetricsFormValues } from './metrics-form-values';
import { MetricsSeriesTable } from './metrics-series-table';
import { DateField } from '../../ui/date-field';

interface MetricsFormSectionProps {
  kind: SnapshotKind;
  /** Messages at a path other than a bad entry: schema and server errors, blocking rules. */
  messagesAt: (path: string) => string[];
  /** A series cell's bad entry (`liveSummary.liveViewersCurve.2.minute`). */
  cellErrorAt: (path: string) => string | undefined;
  /** Rule messages about a whole series. */
  seriesMessages: (path: string) => string[];
  showErrors: boolean;
}

/** One snapshot (post card, live summary, since publication): its source, as-of date, "Sin datos" switch, figures and series. */
export function MetricsFormSection({ kind, messagesAt, cellErrorAt, seriesMessages, showErrors }: MetricsFormSectionProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const { control } = useFormContext<MetricsFormValues>();
  const taken = useWatch({ control, name: `${kind}.taken` });
  const sourceOptions = metricSources.map((value) => ({ value, label: t(`metrics.sources.${value}`) }));
  const firstOf = (path: string) => messagesAt(path)[0];
  const cellError = (path: string) => cellErrorAt(path) ?? firstOf(path);
  return (
    <Paper component="section" aria-labelledby={titleId} withBorder p="md" radius="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={2} size="h4" id={titleId}>
            {snapshotLabels[kind]}
          </Title>
          <Controller
            control={control}
            name={`${kind}.taken`}
            render={({ field }) => (
              <Switch
                label={t('metrics.section.notTaken')}
                description={t('metrics.section.notTakenHint')}
                name={field.name}
                ref={field.ref}
                checked={!field.value}
                onChange={(event) => field.onChange(!event.currentTarget.checked)}
                onBlur={field.onBlur}
              />
            )}
          />
        </Group>
        {!taken ? (
          <Text size="sm" c="dimmed">
            {t('metrics.section.notTakenText')}
          </Text>
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Controller
                control={control}
                name={`${kind}.source`}
                render={({ field }) => (
                  <Select
                    label={t('metrics.section.source')}
                    data={sourceOptions}
                    allowDeselect={false}
                    name={field.name}
                    ref={field.ref}
                    value={field.value}
                    onChange={(value) => value && field.onChange(value)}
                    onBlur={field.onBlur}
                    error={firstOf(`${kind}.source`)}
                  />
                )}
              />
              <DateField
                control={control}
                name={`${kind}.asOf`}
                empty=""
                label={t('metrics.section.asOf')}
                description={t('metrics.section.asOfHint')}
                required
                error={firstOf(`${kind}.asOf`)}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              {sectionFigures[kind].map((field) => (
                <MetricsFigureInput
                  key={field}
                  name={`${kind}.figures.${field}`}
                  field={field}
                  messages={messagesAt(`${kind}.${field}`)}
                  showParseErrors={showErrors}
                />
              ))}
            </SimpleGrid>
            {kind === 'liveSummary' && (
              <MetricsSeriesTable kind="curve" errorAt={cellError} messages={seriesMessages('liveSummary.liveViewersCurve')} showErrors={showErrors} />
            )}
            {kind === 'sincePublication' && (
              <MetricsSeriesTable kind="daily" errorAt={cellError} messages={seriesMessages('sincePublication.dailyViews')} showErrors={showErrors} />
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
