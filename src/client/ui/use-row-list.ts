import { useId } from 'react';
import { get, useFieldArray, useFormState, type ArrayPath, type Control, type FieldValues } from 'react-hook-form';

/** Focus an element by id once React has rendered the change (after add, remove or move). */
export function focusById(id: string) {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

/**
 * An editable list of rows in a react-hook-form form (experts, guiding questions, actions…), the same everywhere:
 * the rows (`useFieldArray`), ids for each row's buttons and the add button, a removal that moves focus to the next
 * row's remove button (or to «Agregar» after the last one), a move that keeps focus on the button that moved the row
 * (or its twin, when the row reached an end), and the error of the list as a whole (e.g. too many rows).
 */
export function useRowList<T extends FieldValues, N extends ArrayPath<T>, R, K extends string = 'id'>({
  control,
  name,
  keyName,
}: {
  control: Control<T, unknown, R>;
  name: N;
  /** The rows' React key, when the rows carry an `id` of their own that must stay in the values (e.g. a saved topic's). */
  keyName?: K;
}) {
  const { fields, append, remove, move, replace } = useFieldArray<T, N, K, R>({ control, name, keyName });
  const { errors } = useFormState({ control });
  const idBase = useId();
  const last = fields.length - 1;
  const ids = {
    add: `${idBase}-add`,
    /** The row's first field, where focus goes when a row is added. */
    first: (index: number) => `${idBase}-${index}-first`,
    remove: (index: number) => `${idBase}-${index}-remove`,
    up: (index: number) => `${idBase}-${index}-up`,
    down: (index: number) => `${idBase}-${index}-down`,
  };

  /** Adds a row at the end; focus goes to its first field (give that field the id `ids.first(index)`). */
  const addRow: typeof append = (value, options) => {
    append(value, options);
    focusById(ids.first(fields.length));
  };

  const removeRow = (index: number) => {
    remove(index);
    focusById(index < last ? ids.remove(index) : ids.add);
  };

  const moveRow = (from: number, to: number) => {
    move(from, to);
    const direction = to === 0 ? 'down' : to === last ? 'up' : to < from ? 'up' : 'down';
    focusById(direction === 'up' ? ids.up(to) : ids.down(to));
  };

  const messageAt = (path: string): string | undefined => {
    const error: unknown = get(errors, path);
    return error && typeof error === 'object' && 'message' in error && typeof error.message === 'string' ? error.message : undefined;
  };

  return { fields, append, addRow, replace, ids, removeRow, moveRow, last, listError: messageAt(name) ?? messageAt(`${name}.root`) };
}
