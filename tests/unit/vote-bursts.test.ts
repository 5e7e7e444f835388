import { describe, expect, it } from 'vitest';
import { findVoteBursts } from '../../src/domain/vote-bursts';

const at = (seconds: number) => new Date(Date.UTC(2024, 4, 10, 15, 0, 0) + seconds * 1000).toISOString();

describe('findVoteBursts', () => {
  it('flags ten votes within a minute, and not votes spread out', () => {
    const spread = Array.from({ length: 30 }, (_, i) => at(i * 30));
    expect(findVoteBursts(spread)).toEqual([]);
    const burst = Array.from({ length: 12 }, (_, i) => at(1000 + i * 2));
    expect(findVoteBursts([...spread, ...burst])).toEqual([{ from: at(1000), to: at(1022), count: 12 }]);
  });

  it('nine quick votes are not a burst; two separate bursts are two', () => {
    expect(findVoteBursts(Array.from({ length: 9 }, (_, i) => at(i)))).toEqual([]);
    const two = [...Array.from({ length: 10 }, (_, i) => at(i)), ...Array.from({ length: 10 }, (_, i) => at(3600 + i))];
    expect(findVoteBursts(two).map((b) => b.count)).toEqual([10, 10]);
  });
});
