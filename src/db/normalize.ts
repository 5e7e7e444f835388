/** Lower-case, accent-free text for accent-insensitive search ("Política" matches "politica"). */
export function searchable(value: string): string {
  return value.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Escapes LIKE wildcards so a search for "50%" looks for the text "50%". */
export function likePattern(value: string): string {
  return `%${searchable(value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
