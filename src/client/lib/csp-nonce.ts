/**
 * The nonce the server gives this page for its `<style>` elements (Content-Security-Policy): read from the
 * `<meta property="csp-nonce">` the server writes into the page. Absent in development and in the mock mode
 * (no policy there). Browsers hide the attribute after load; the `nonce` property keeps the value.
 */
let cached: string | undefined | null = null;

export function cspNonce(): string | undefined {
  if (cached === null) {
    const meta = typeof document === 'undefined' ? null : document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
    cached = meta?.nonce || meta?.getAttribute('nonce') || undefined;
  }
  return cached;
}
