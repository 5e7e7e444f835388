import {
  Checkbox,
  NativeSelect,
  NumberInput,
  Select,
  TagsInput,
  Textarea,
  TextInput,
  type CheckboxProps,
  type NativeSelectProps,
  type NumberInputProps,
  type SelectProps,
  type TagsInputProps,
  type TextareaProps,
  type TextInputProps,
} from '@mantine/core';
import { useController, type Control, type FieldPath, type FieldPathByValue, type FieldValues } from 'react-hook-form';

/*
 * Form fields bound to react-hook-form: each takes the form's `control` and a field `name` (typed: a text field
 * only accepts a path whose value is text, a number field one whose value is a number…) and wires the value, change,
 * blur, ref (so a summary can focus it) and the field's error message. Everything else is the Mantine input's props.
 */

interface Bound<T extends FieldValues, V, R> {
  control: Control<T, unknown, R>;
  name: FieldPathByValue<T, V>;
  /** Fields validated again when this one changes (e.g. a date that must fall within the year). */
  deps?: FieldPath<T>[];
}

/** The first message in an error tree (a list field's error can sit on one of its items). */
export function firstErrorMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const record = error as Record<string, unknown>;
  if (typeof record.message === 'string' && record.message) return record.message;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'ref' || key === 'types') continue;
    const message = firstErrorMessage(value);
    if (message) return message;
  }
  return undefined;
}

function useBound<T extends FieldValues, V, R>({ control, name, deps }: Bound<T, V, R>) {
  const { field, fieldState } = useController<T, FieldPathByValue<T, V>, R>({ control, name, rules: deps ? { deps } : undefined });
  return { field, error: firstErrorMessage(fieldState.error) };
}

type Without<P> = Omit<P, 'name' | 'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'error'>;

/** A text input; with `emptyAsNull` an emptied field holds null (an optional date or time), otherwise ''. */
export function TextField<T extends FieldValues, R>({ control, name, deps, emptyAsNull = false, ...props }: Bound<T, string | null, R> & Without<TextInputProps> & { emptyAsNull?: boolean }) {
  const { field, error } = useBound({ control, name, deps });
  return (
    <TextInput
      {...props}
      name={field.name}
      ref={field.ref}
      value={(field.value as string | null) ?? ''}
      onChange={(event) => field.onChange(emptyAsNull && event.currentTarget.value === '' ? null : event.currentTarget.value)}
      onBlur={field.onBlur}
      error={error}
    />
  );
}

export function TextareaField<T extends FieldValues, R>({ control, name, deps, ...props }: Bound<T, string, R> & Without<TextareaProps>) {
  const { field, error } = useBound({ control, name, deps });
  return <Textarea {...props} name={field.name} ref={field.ref} value={(field.value as string) ?? ''} onChange={(event) => field.onChange(event.currentTarget.value)} onBlur={field.onBlur} error={error} />;
}

/** A whole number, or null while empty. Typed text that is not a number stays for the schema to refuse. */
export function NumberField<T extends FieldValues, R>({ control, name, deps, ...props }: Bound<T, number | null, R> & Without<NumberInputProps>) {
  const { field, error } = useBound({ control, name, deps });
  return (
    <NumberInput
      {...props}
      name={field.name}
      ref={field.ref}
      value={(field.value as number | null) ?? ''}
      onChange={(value) => field.onChange(typeof value === 'number' ? value : value.trim() === '' ? null : Number(value))}
      onBlur={field.onBlur}
      error={error}
    />
  );
}

/** One of a list of options (never none). */
export function SelectField<T extends FieldValues, R>({ control, name, deps, ...props }: Bound<T, string, R> & Without<SelectProps>) {
  const { field, error } = useBound({ control, name, deps });
  return <Select allowDeselect={false} {...props} name={field.name} ref={field.ref} value={field.value as string} onChange={(value) => value && field.onChange(value)} onBlur={field.onBlur} error={error} />;
}

export function NativeSelectField<T extends FieldValues, R>({ control, name, deps, ...props }: Bound<T, string, R> & Without<NativeSelectProps>) {
  const { field, error } = useBound({ control, name, deps });
  return <NativeSelect {...props} name={field.name} ref={field.ref} value={field.value as string} onChange={(event) => field.onChange(event.currentTarget.value)} onBlur={field.onBlur} error={error} />;
}

/** A list of short texts, one tag each. */
export function TagsField<T extends FieldValues, R>({ control, name, deps, ...props }: Bound<T, string[], R> & Without<TagsInputProps>) {
  const { field, error } = useBound({ control, name, deps });
  return <TagsInput {...props} name={field.name} ref={field.ref} value={field.value as string[]} onChange={field.onChange} onBlur={field.onBlur} error={error} />;
}

export function CheckboxField<T extends FieldValues, R>({ control, name, deps, ...props }: Bound<T, boolean, R> & Without<Omit<CheckboxProps, 'checked'>>) {
  const { field, error } = useBound({ control, name, deps });
  return <Checkbox {...props} name={field.name} ref={field.ref} checked={field.value as boolean} onChange={(event) => field.onChange(event.currentTarget.checked)} onBlur={field.onBlur} error={error} />;
}
