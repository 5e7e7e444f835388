import { importColumnRoles, type ImportColumnRole } from '../../../domain/consultation-import';
import { loadMapping, saveMapping } from '../../ui/mapped-import/mapping-store';

/** The column mapping last used for a consultation, kept in this browser so the next file maps itself ("map once"). */
const key = (consultationId: number) => `foros:consultas:${consultationId}:columnas`;

export function loadRememberedMapping(consultationId: number): Record<string, ImportColumnRole> {
  return loadMapping(key(consultationId), importColumnRoles);
}

export function rememberMapping(consultationId: number, mapping: Record<string, ImportColumnRole>) {
  saveMapping(key(consultationId), importColumnRoles, mapping);
}
