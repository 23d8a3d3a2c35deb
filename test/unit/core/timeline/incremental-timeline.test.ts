import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../../src/core/timeline/build-timeline.ts';
import { foldPolls } from '../../../../src/core/timeline/fold-polls.ts';
import { pollsIn, type PollRecord, type PollStop } from '../../../../src/core/timeline/poll-record.ts';
import { segmentRecords } from '../../../../src/core/timeline/segment-records.ts';
import { must, PROPERTY_TIMEOUT_MS, scaledRuns, SEED } from '../../property/property-run.ts';
import { makeRecords, START } from './make-records.ts';
import { referenceTimeline } from './reference-timeline.ts';

/**
 * The panel folds its history and builds its timeline on every poll answer, and both only take in
 * what changed (timeline-builder). These properties hold that to the plain rule: whatever the
 * records, the timeline built poll by poll equals the reference built from nothing, and folding
 * poll by poll equals folding the same records afresh. Fewer runs than the decoders' 10,000: each
 * run is a whole history, checked at every poll. Same seed convention (property-run.ts).
 */
const RUNS = 1500;
const run = <Ts>(property: fc.IProperty<Ts>) => fc.assert(property, { numRuns: scaledRuns(RUNS), seed: SEED });

/** States, an undocumented one, and every kind of error make-records knows; WAITING most of all. */
const step = fc.oneof(
  { weight: 6, arbitrary: fc.constant('WAITING') },
  { weight: 3, arbitrary: fc.constantFrom('INITIALIZED', 'AUTHORIZED', 'COMPLETED', 'PENDING') },
  { weight: 4, arbitrary: fc.constantFrom('503', '429', '404', '403', 'timeout', 'network', 'html') },
);

const scenario = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 60 }),
  // Equal times (0) check the order of rows that start together.
  everyMs: fc.constantFrom(0, 1, 1000),
  max: fc.integer({ min: 3, max: 24 }),
  // Now and then the panel asks for an older history (another card, a re-render): the builder must not mix them up.
  staleEvery: fc.integer({ min: 0, max: 4 }),
  navigations: fc.array(fc.record({ offset: fc.integer({ min: -2000, max: 70_000 }), page: fc.constantFrom('a', 'b') }), { maxLength: 3 }),
  stopped: fc.boolean(),
});

const totalPolls = (records: readonly PollRecord[]) => records.reduce((sum, r) => sum + pollsIn(r) + (r.gapBefore ?? 0), 0);
const largestKind = (records: readonly PollRecord[]) =>
  Math.max(0, ...segmentRecords(records).flatMap((segment) => (segment.kind === 'error' ? segment.kinds.map((kind) => kind.indices.length) : [])));

describe('the timeline, poll by poll', () => {
  it(
    'equals the timeline built from nothing, and folding poll by poll equals folding afresh, at every poll',
    () => {
      run(
        fc.property(scenario, ({ steps, everyMs, max, staleEvery, navigations: marks, stopped }) => {
          const records = makeRecords(steps, { everyMs });
          const navigations = marks.map(({ offset, page }) => ({ kind: 'navigation' as const, at: START + offset, url: `https://shop.example/${page}` }));
          let kept: PollRecord[] = [];
          for (const [i, record] of records.entries()) {
            const input = [...kept, record];
            const folded = foldPolls(input, max);
            must(isDeepStrictEqual(folded, foldPolls(structuredClone(input), max)), 'folding poll by poll equals folding afresh', i);
            must(folded.length <= max, 'the bound holds', folded.length, max);
            must(totalPolls(folded) === i + 1, 'every poll is counted', totalPolls(folded), i + 1);
            must(largestKind(folded) <= 2, 'at most two records of a kind of error in a row', largestKind(folded));
            if (staleEvery > 0 && i % staleEvery === 0) buildTimeline({ records: kept });
            kept = folded;
            const last = i === records.length - 1;
            const stop: PollStop | undefined = stopped && last ? { kind: 'stopped', at: record.endedAt, reason: 'user', message: 'Stopped.' } : undefined;
            const input2 = { records: kept, navigations, ...(stop ? { stop } : {}) };
            const got = buildTimeline(input2);
            const want = referenceTimeline(input2);
            must(isDeepStrictEqual(got, want), 'the timeline equals the one built from nothing', i, got, want);
          }
        }),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'equals the timeline built from nothing for any records, as an imported file may hold them, grown one at a time',
    () => {
      const imported = fc.array(
        fc.record({ step, folded: fc.nat({ max: 3 }), gap: fc.nat({ max: 2 }), drop: fc.boolean() }),
        { minLength: 1, maxLength: 40 },
      );
      run(
        fc.property(imported, (items) => {
          const made = makeRecords(items.map((item) => item.step));
          const records = made.map((record, i): PollRecord => {
            const { folded, gap } = items[i]!;
            return { ...record, ...(folded ? { foldedPolls: folded } : {}), ...(gap ? { gapBefore: gap } : {}) };
          });
          // Grown one record at a time, sometimes losing an earlier one (as folding does), from the same objects.
          let shown: PollRecord[] = [];
          for (const [i, record] of records.entries()) {
            shown = [...shown, record];
            if (items[i]!.drop && shown.length > 2) shown.splice(shown.length - 2, 1);
            must(isDeepStrictEqual(buildTimeline({ records: shown }), referenceTimeline({ records: shown })), 'grown', i);
          }
          must(isDeepStrictEqual(buildTimeline({ records }), referenceTimeline({ records })), 'whole');
        }),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('reuses the rows that did not change, so a view can skip them', () => {
    const steps = ['WAITING', 'INITIALIZED', '503', 'INITIALIZED', 'AUTHORIZED'];
    const records = makeRecords(steps);
    const before = buildTimeline({ records: records.slice(0, -1) });
    const after = buildTimeline({ records });
    // WAITING and the error row are unchanged; INITIALIZED is closed by AUTHORIZED, which is new.
    expect(after.rows[0]).toBe(before.rows[0]);
    expect(after.rows[2]).toBe(before.rows[2]);
    expect(after.rows[1]).not.toBe(before.rows[1]);
    expect(after.rows).toHaveLength(4);
    expect(after).toEqual(referenceTimeline({ records }));
  });
});
