/** A column mapping kept in this browser under a key, so the next file of the same kind maps itself ("map once"). */
export function loadMapping<Role extends string>(key: string, roles: readonly Role[]): Record<string, Role> {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return {};
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object') return {};
    const out: Record<string, Role> = {};
    for (const [header, role] of Object.entries(parsed)) if ((roles as readonly unknown[]).includes(role)) out[header] = role as Role;
    return out;
  } catch {
    return {};
  }
}

export function saveMapping<Role extends string>(key: string, roles: readonly Role[], mapping: Record<string, Role>) {
  try {
    window.localStorage.setItem(key, JSON.stringify({ ...loadMapping(key, roles), ...mapping }));
  } catch {
    // Private mode or a full storage: the mapping is simply not remembered.
  }
}
