/** `/consultas/:id` → a positive integer id, or null for anything else. */
export function parseConsultationId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}
