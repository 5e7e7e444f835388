/**
 * A PNG writer for the rasteriser's pixels. resvg's own `asPng()` compresses hard (≈ 30 ms of the ≈ 50 ms a chart
 * took, measured): zlib at level 1 on the plain rows gives a
 * file 15% larger in half the time or less. The zlib step is injected (Node's native zlib on the server); the
 * browser keeps `asPng()`, which was faster than fflate's JavaScript zlib there (55 ms a chart, measured).
 */

/** zlib (RFC 1950) compression of the bytes. */
export type ZlibDeflate = (raw: Uint8Array) => Uint8Array;

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The rows of the last image (see encodePng); one per thread. */
let scratch: Uint8Array | null = null;

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Opaque RGBA pixels (resvg's, drawn on a white background: premultiplied and straight are then the same) → an
 * 8-bit RGBA PNG. Each row is copied as is after its filter byte (none): converting to RGB in JavaScript cost more
 * than zlib saves on the constant alpha bytes.
 */
export function encodePng(rgba: Uint8Array, width: number, height: number, deflate: ZlibDeflate): Uint8Array {
  if (rgba.length !== width * height * 4) throw new Error(`La imagen no tiene ${width}×${height} píxeles.`);
  const row = width * 4;
  const size = (row + 1) * height;
  // The rows with their filter bytes go into one buffer kept for the next image (deflate reads it before returning):
  // a new zero-filled 3–5 MB buffer per chart, and collecting it, cost as much as the copy itself.
  if (!scratch || scratch.length < size) scratch = new Uint8Array(Math.max(size, 4 * 1024 * 1024));
  const raw = scratch.subarray(0, size);
  for (let y = 0; y < height; y++) {
    raw[y * (row + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * row, (y + 1) * row), y * (row + 1) + 1);
  }
  const idat = deflate(raw);
  const out = new Uint8Array(8 + 25 + 12 + idat.length + 12);
  const view = new DataView(out.buffer);
  out.set(signature, 0);
  let at = 8;
  const chunk = (type: string, length: number, write: (offset: number) => void) => {
    view.setUint32(at, length);
    for (let k = 0; k < 4; k++) out[at + 4 + k] = type.charCodeAt(k);
    write(at + 8);
    view.setUint32(at + 8 + length, crc32(out, at + 4, at + 8 + length));
    at += 12 + length;
  };
  chunk('IHDR', 13, (o) => {
    view.setUint32(o, width);
    view.setUint32(o + 4, height);
    out[o + 8] = 8; // bit depth
    out[o + 9] = 6; // colour type: RGBA
    out[o + 10] = 0; // deflate
    out[o + 11] = 0; // adaptive filtering
    out[o + 12] = 0; // no interlace
  });
  chunk('IDAT', idat.length, (o) => out.set(idat, o));
  chunk('IEND', 0, () => undefined);
  return out;
}
