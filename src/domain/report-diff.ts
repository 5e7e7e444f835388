import type { DiffPart, DiffPartKind } from './report';

/**
 * A word diff of two texts (Myers' O((N+M)·D) algorithm over words and the spaces between them), for comparing
 * two revisions of a section. The common start and end are cut first, so a small change in a 20.000-word text
 * is instant; when the texts differ in more than `maxEdits` words, the differing middle is shown as removed and
 * added whole instead of searching further.
 */

const tokenize = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? [];

function push(parts: DiffPart[], kind: DiffPartKind, text: string) {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/** Edit script of a → b, or null when it needs more than maxD edits. */
function myers(a: string[], b: string[], maxD: number): Array<[DiffPartKind, string]> | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  const limit = Math.min(max, maxD);
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return null;
}

function backtrack(a: string[], b: string[], trace: Int32Array[], dEnd: number): Array<[DiffPartKind, string]> {
  const ops: Array<[DiffPartKind, string]> = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const snapshot = trace[d];
    const get = (k: number) => snapshot[k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? k + 1 : k - 1;
    const prevX = get(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(['equal', a[x - 1]]);
      x--;
      y--;
    }
    if (x === prevX) {
      ops.push(['added', b[y - 1]]);
      y--;
    } else {
      ops.push(['removed', a[x - 1]]);
      x--;
    }
  }
  while (x > 0 && y > 0) {
    ops.push(['equal', a[x - 1]]);
    x--;
    y--;
  }
  return ops.reverse();
}

export function diffWords(before: string, after: string, maxEdits = 2000): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, 'equal', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const ops = myers(midA, midB, maxEdits);
  if (ops) for (const [kind, text] of ops) push(parts, kind, text);
  else {
    push(parts, 'removed', midA.join(''));
    push(parts, 'added', midB.join(''));
  }
  push(parts, 'equal', a.slice(endA).join(''));
  return parts;
}
