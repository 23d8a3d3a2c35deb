import { describe, expect, it } from 'vitest';
import { busyPage, checkReads, PAGE_URL, readsAreExact, seededRandom, tally, type EntryLabel } from '../../../scripts/bench/classification-har.ts';
import { mayMatter, observeEntry } from '../../../src/extension/devtools/observe-entry.ts';

describe('the synthetic busy page of the classification benchmark', () => {
  const page = busyPage({ entries: 2000 });
  const counts = tally(page.labels);

  it('is the same page for the same seed, another for another', () => {
    expect(JSON.stringify(busyPage({ entries: 300 }).entries)).toBe(JSON.stringify(busyPage({ entries: 300 }).entries));
    expect(JSON.stringify(busyPage({ entries: 300, seed: 12 }).entries)).not.toBe(JSON.stringify(busyPage({ entries: 300 }).entries));
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(3).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('has thousands of ordinary entries around a few Connect ones', () => {
    expect(counts.entries).toBe(2000);
    // 3 SDK calls and 20 status polls, each with its preflight, and the create-payment answer.
    expect(counts.kinds).toMatchObject({ 'client-api-call': 23, 'client-api-preflight': 23, 'create-payment': 1 });
    expect(counts.calls).toBe(23);
    expect(counts.payments).toBe(21);
    expect((counts.kinds.image ?? 0) + (counts.kinds.script ?? 0)).toBeGreaterThan(1000);
    expect(counts.candidates).toBeLessThan(counts.entries / 20);
  });

  it('is read by observeEntry as its labels say: every Connect entry found, only the candidates read, each once', async () => {
    const reads = new Uint32Array(page.entries.length);
    let calls = 0;
    let payments = 0;
    for (const [i, entry] of page.entries.entries()) {
      const live = { ...entry, getContent: (callback: (text: string, encoding: string) => void) => ((reads[i] = (reads[i] ?? 0) + 1), callback(page.bodies[i] ?? '', '')) };
      for (const observation of await observeEntry(live, page.pageUrl)) {
        if (observation.kind === 'client-api-call') calls += 1;
        if (observation.kind === 'payment') payments += 1;
      }
    }
    expect({ calls, payments }).toEqual({ calls: counts.calls, payments: counts.payments });
    const check = checkReads(page.labels, reads);
    expect(check).toEqual({ bodiesRead: counts.candidates, readNotCandidate: 0, candidatesMissed: 0, readMoreThanOnce: 0 });
  });

  it('goes past the pre-filter only with a Client API call or a candidate', () => {
    const passed = page.entries.filter((entry) => mayMatter(entry, PAGE_URL)).length;
    const expected = page.labels.filter((label) => label.candidate || label.kind === 'client-api-call').length;
    expect(passed).toBe(expected);
  });
});

describe('checkReads', () => {
  const label = (candidate: boolean): EntryLabel => ({ kind: candidate ? 'merchant-json' : 'image', candidate, calls: 0, payments: 0 });
  const labels = [label(true), label(false), label(true)];

  it.each([
    [[1, 0, 1], { bodiesRead: 2, readNotCandidate: 0, candidatesMissed: 0, readMoreThanOnce: 0 }, true],
    [[1, 1, 1], { bodiesRead: 3, readNotCandidate: 1, candidatesMissed: 0, readMoreThanOnce: 0 }, false],
    [[0, 0, 1], { bodiesRead: 1, readNotCandidate: 0, candidatesMissed: 1, readMoreThanOnce: 0 }, false],
    [[2, 0, 1], { bodiesRead: 3, readNotCandidate: 0, candidatesMissed: 0, readMoreThanOnce: 1 }, false],
  ])('reads %j', (reads, check, exact) => {
    expect(checkReads(labels, reads)).toEqual(check);
    expect(readsAreExact(checkReads(labels, reads))).toBe(exact);
  });
});
