/** No look-alike characters (0/O, 1/l/I), so the password can be read aloud or copied by hand. */
const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A random, readable password: four groups of four characters joined by hyphens
 * (`k7Qm-p3Xa-…`, 19 characters, about 92 bits). Uses Web Crypto, without modulo bias.
 */
export function generatePassword(groups = 4, groupLength = 4): string {
  const limit = 256 - (256 % alphabet.length);
  const chars: string[] = [];
  while (chars.length < groups * groupLength) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte < limit && chars.length < groups * groupLength) chars.push(alphabet[byte % alphabet.length]);
    }
  }
  const parts: string[] = [];
  for (let i = 0; i < groups; i++) parts.push(chars.slice(i * groupLength, (i + 1) * groupLength).join(''));
  return parts.join('-');
}
