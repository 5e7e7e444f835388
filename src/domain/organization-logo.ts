/**
 * An organisation's logo (issue 15): an image the system administrator, or the organisation's own administrator,
 * uploads; shown in the app's header and on the organisation's public «Participa» pages. Only PNG, JPEG and WebP,
 * recognised by their first bytes (never by the file's name or the type the browser declares); SVG is refused, since
 * it can carry scripts. Pure: runs in the browser (the form checks the file before sending it) and on the server.
 */

export const logoMaxBytes = 256 * 1024;

export const logoMediaTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoMediaType = (typeof logoMediaTypes)[number];

export const logoMessages = {
  empty: 'Elija un archivo de imagen para el logo (PNG, JPEG o WebP).',
  tooLarge: 'El logo pesa más de 256 KB. Redúzcalo (por ejemplo a 512 píxeles de ancho) y vuelva a subirlo.',
  svg: 'No se aceptan logos SVG: pueden contener código. Exporte el logo como PNG, JPEG o WebP.',
  notImage: 'El archivo no es una imagen PNG, JPEG o WebP (se revisa su contenido, no su nombre).',
  none: 'Esta organización no tiene logo.',
} as const;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

/** Whether the bytes look like SVG (or any XML/HTML text): a `<` after an optional BOM and whitespace, `<svg` in the first KB. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<') && (head.includes('<svg') || head.startsWith('<?xml') || head.startsWith('<!doctype svg'));
}

/** The image's media type from its first bytes, or null: PNG's 8-byte signature, JPEG's SOI + marker, WebP's RIFF….WEBP. */
export function sniffLogoType(bytes: Uint8Array): LogoMediaType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** The logo's media type, or the Spanish message that refuses it. */
export function checkLogo(bytes: Uint8Array): { ok: true; mediaType: LogoMediaType } | { ok: false; message: string; status: 400 | 413 | 415 } {
  if (bytes.length === 0) return { ok: false, message: logoMessages.empty, status: 400 };
  if (bytes.length > logoMaxBytes) return { ok: false, message: logoMessages.tooLarge, status: 413 };
  const mediaType = sniffLogoType(bytes);
  if (mediaType) return { ok: true, mediaType };
  if (looksLikeSvg(bytes)) return { ok: false, message: logoMessages.svg, status: 415 };
  return { ok: false, message: logoMessages.notImage, status: 415 };
}

/**
 * The public address of an organisation's logo. With the logo's hash (`v`) the answer may be cached for good
 * (a new logo has a new hash, so a new address); without it the browser revalidates with the ETag.
 */
export const logoPath = (slug: string, hash?: string | null) => `/api/public/o/${encodeURIComponent(slug)}/logo${hash ? `?v=${hash}` : ''}`;

/** Bytes as base64 (the logo is stored as text: the same column type and driver behaviour on SQLite, sql.js and PostgreSQL). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
