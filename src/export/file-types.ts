/**
 * What the API needs to name and seal an exported file without loading the library that writes it (docx is a
 * megabyte of code: the server loads it on the first Word export, not at start).
 */
export const docxMediaType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Lower-case hex SHA-256 of the bytes (Web Crypto: the same in Node and the browser). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as unknown as ArrayBuffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
