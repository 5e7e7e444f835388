import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';

// The page tests' DOM (happy-dom) must behave as a browser does where the pages depend on it.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

it('a MutationObserver keeps reporting after a full garbage collection (the report editor reads typing through one)', async () => {
  const box = document.createElement('div');
  document.body.append(box);
  const seen: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) seen.push(record.target.textContent ?? '');
  });
  observer.observe(box, { subtree: true, childList: true, characterData: true });
  box.textContent = 'a';
  await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 0));
  collectGarbage();
  box.textContent = 'ab';
  await new Promise((resolve) => setTimeout(resolve, 0));
  observer.disconnect();
  box.remove();
  expect(seen[0]).toBe('a');
  expect(seen).toContain('ab');
});
