import { importColumnRoles, type ImportColumnRole } from '../../../domain/consultation-import';

/** The column mapping last used for a consultation, kept in this browser so the next file maps itself ("map once"). */
const key = (consultationId: number) => `foros:consultas:${consultationId}:columnas`;

export function loadRememberedMapping(consultationId: number): Record<string, ImportColumnRole> {
  try {
    const raw = window.localStorage.getItem(key(consultationId));
    if (!raw) return {};
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object') return {};
    const out: Record<string, ImportColumnRole> = {};
    for (const [header, role] of Object.entries(parsed)) if ((importColumnRoles as readonly unknown[]).includes(role)) out[header] = role as ImportColumnRole;
    return out;
  } catch {
    return {};
  }
}

export function rememberMapping(consultationId: number, mapping: Record<string, ImportColumnRole>) {
  try {
    window.localStorage.setItem(key(consultationId), JSON.stringify({ ...loadRememberedMapping(consultationId), ...mapping }));
  } catch {
    // Private mode or a full storage: the mapping is simply not remembered.
  }
}
