import { describe, expect, it } from 'vitest';
import { keptSecret } from '../../src/db/secret-queries';
import { createTestApi } from '../support/test-api';

describe('keptSecret: the vote secret survives a restart', () => {
  it('is made once and read back the same on every later start; another key gets its own', async () => {
    const { db } = await createTestApi();
    let made = 0;
    const make = () => `secreto-${++made}`;
    const first = await keptSecret(db, 'vote_secret', make);
    expect(first).toBe('secreto-1');
    expect(await keptSecret(db, 'vote_secret', make)).toBe(first);
    expect(made).toBe(1);
    expect(await keptSecret(db, 'otra', make)).toBe('secreto-2');
  });
});
