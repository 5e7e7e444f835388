import { Badge, Group, TextInput } from '@mantine/core';
import { memo } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { figureLabels, figureUnit } from '../../../domain/metrics';
import { figureError, figureValueFromText, formatFigureText, type FigureValue, type MetricsFormValues } from './metrics-form-values';

type FigureField = keyof typeof figureLabels;

interface MetricsFigureInputProps {
  /** `liveSummary.figures.views1m` */
  name: `${keyof MetricsFormValues}.figures.${string}`;
  field: FigureField;
  /** Messages from the rules or the server for this figure (shown as its error). */
  messages: string[];
  /** Show a bad entry's message even before the field is left (after a save attempt). */
  showParseErrors: boolean;
  disabled?: boolean;
}

/**
 * One figure as people paste it (`12.345`, `1,7 mil`, `01:11:33`, `2:42`): parsed as typed (the rules see it at
 * once), shown formatted es-CO when the field is left, an approximate figure marked `≈` and «aproximada» until
 * an exact one replaces it, and a bad entry kept as typed with the Spanish message at the field.
 */
export const MetricsFigureInput = memo(function MetricsFigureInput({ name, field, messages, showParseErrors, disabled }: MetricsFigureInputProps) {
  const { t } = useTranslation();
  const { control } = useFormContext<MetricsFormValues>();
  const unit = figureUnit(field);
  const hint = t(`metrics.figure.${unit}Hint`);
  return (
    <Controller
      control={control}
      name={name as 'postCard.figures.plays'}
      render={({ field: input, fieldState }) => {
        const value = input.value as FigureValue;
        const parseError = fieldState.isTouched || showParseErrors ? figureError(field, value) : null;
        const allMessages = [...(parseError ? [parseError] : []), ...messages];
        const approximate = value.figure?.approximate === true;
        return (
          <TextInput
            label={
              <Group component="span" gap={6} wrap="nowrap" display="inline-flex">
                <span>{figureLabels[field]}</span>
                {approximate && ' '}
                {approximate && (
                  <Badge component="span" size="xs" variant="outline" color="orange.9" title={t('metrics.figure.approximateTitle')}>
                    {t('metrics.figure.approximate')}
                  </Badge>
                )}
              </Group>
            }
            description={hint}
            name={input.name}
            ref={input.ref}
            value={value.text}
            inputMode={unit === 'count' ? 'decimal' : 'text'}
            autoComplete="off"
            disabled={disabled}
            onChange={(event) => input.onChange(figureValueFromText(field, event.currentTarget.value))}
            onBlur={() => {
              // Shown formatted once left: `1,7 mil` → `≈ 1.700`, `4293` → `01:11:33`. A bad entry stays as typed.
              if (value.figure) {
                const formatted = formatFigureText(field, value.figure);
                if (formatted !== value.text) input.onChange({ text: formatted, figure: value.figure });
              }
              input.onBlur();
            }}
            error={allMessages.length > 0 ? allMessages.join(' ') : undefined}
          />
        );
      }}
    />
  );
}, sameProps);

/**
 * The form re-renders as a whole on every keystroke (its checks watch every figure); a figure re-renders only when
 * its own props change — its messages compared by text — or when its own field does (the Controller subscribes to it).
 */
function sameProps(before: MetricsFigureInputProps, after: MetricsFigureInputProps): boolean {
  return (
    before.name === after.name &&
    before.field === after.field &&
    before.showParseErrors === after.showParseErrors &&
    before.disabled === after.disabled &&
    before.messages.length === after.messages.length &&
    before.messages.every((message, i) => message === after.messages[i])
  );
}
