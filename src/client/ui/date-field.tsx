import { DateInput, type DateInputProps } from '@mantine/dates';
import 'dayjs/locale/es';
import type { Ref } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { parseTypedDate } from '../../domain/date-format';

type DateInputFieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'dateParser' | 'valueFormat' | 'locale'> & {
  /** ISO `yyyy-mm-dd`, or null / '' when empty. */
  value: string | null | undefined;
  onChange: (value: string | null) => void;
  ref?: Ref<HTMLInputElement>;
};

/**
 * A date typed or picked as dd/mm/aaaa, in Spanish, whatever the browser's language (Mantine's DateInput with
 * dayjs `es`): `15032024`, `15/03/2024` or `2024-03-15` typed, or a day picked in the calendar, give the ISO
 * `2024-03-15` the schemas expect. The one date control of the app.
 */
export function DateInputField({ value, onChange, ...props }: DateInputFieldProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      locale="es"
      valueFormat="DD/MM/YYYY"
      placeholder={t('date.placeholder')}
      dateParser={(text) => parseTypedDate(text)}
      allowDeselect
      firstDayOfWeek={1}
      // Mantine's red weekends and grey days of other months fail AA contrast (axe serious): plain days only.
      weekendDays={[]}
      hideOutsideDates
      nextLabel={t('date.next')}
      previousLabel={t('date.previous')}
      popoverProps={{ withinPortal: true }}
      autoComplete="off"
      {...props}
      value={value ? value : null}
      onChange={(next) => onChange(next ? next.slice(0, 10) : null)}
    />
  );
}

type DateFieldProps<T extends FieldValues, R extends FieldValues> = Omit<DateInputFieldProps, 'value' | 'onChange' | 'name' | 'error'> & {
  control: Control<T, unknown, R>;
  name: FieldPath<T>;
  /** What an empty field stores: null (an optional date) or '' (a required one, left to the schema). */
  empty?: null | '';
  /** An error from outside the field (the rules, the server); the field's own validation error otherwise. */
  error?: string;
  deps?: FieldPath<T>[];
};

/** A DateInputField bound to react-hook-form: the form keeps the ISO `yyyy-mm-dd` text (or `empty`). */
export function DateField<T extends FieldValues, R extends FieldValues = T>({ control, name, empty = null, error, deps, ...props }: DateFieldProps<T, R>) {
  return (
    <Controller<T, FieldPath<T>, R>
      control={control}
      name={name}
      rules={deps ? { deps } : undefined}
      render={({ field, fieldState }) => (
        <DateInputField
          {...props}
          name={field.name}
          ref={field.ref}
          value={field.value as string | null}
          onChange={(next) => field.onChange(next ?? empty)}
          onBlur={field.onBlur}
          error={error ?? fieldState.error?.message}
        />
      )}
    />
  );
}
