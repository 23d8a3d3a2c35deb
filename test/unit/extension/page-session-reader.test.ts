import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../src/core/result.ts';
import { createPageSessionReader, type FrameSessions } from '../../../src/extension/devtools/page-session-reader.ts';
import { READ_FRAME_EXPRESSION } from '../../../src/extension/page/hook-reader.ts';
import { ManualClock } from '../panel/fake-services.ts';

const TOP = 'https://shop.example/checkout';
const FRAME = 'https://pay.example/frame';
const OTHER = 'https://other.example/ad';
const session = (n: number) => ({ global: 'connectsdk', clientSessionId: `s${n}`.padEnd(32, '0'), customerId: `c${n}`, clientApiUrl: 'https://a.example/client', assetUrl: '' });

/** An inspected page the test shapes: each frame's hook answer, by address ('' is the top frame). */
function inspectedPage() {
  const answers = new Map<string, Result<unknown> | 'hang'>();
  const frames: string[] = [];
  const evaluated: (string | undefined)[] = [];
  const hung: ((answer: Result<unknown>) => void)[] = [];
  const hook = (url: string, sessions: unknown) => answers.set(url === TOP ? '' : url, ok({ url, sessions }));
  const evaluate = (expression: string, frameUrl?: string): Promise<Result<unknown>> => {
    expect(expression).toBe(READ_FRAME_EXPRESSION);
    evaluated.push(frameUrl);
    const answer = answers.get(frameUrl ?? '') ?? fail('DevTools could not evaluate: no frame with that URL');
    if (answer === 'hang') return new Promise((resolve) => hung.push(resolve));
    return Promise.resolve(answer);
  };
  return { answers, frames, evaluated, hung, hook, evaluate, listFrameDocuments: () => Promise.resolve([...frames]) };
}

/** Lets the promises the reader chains run. */
const settle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};

function start(page: ReturnType<typeof inspectedPage>, clock = new ManualClock()) {
  const delivered: FrameSessions[] = [];
  const reader = createPageSessionReader({
    evaluate: page.evaluate,
    listFrameDocuments: page.listFrameDocuments,
    deliver: (report) => delivered.push(report),
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: (handle) => clock.clearTimeout(handle as number),
    everyMs: 2000,
  });
  return { reader, delivered, clock };
}

describe('reading the page hooks from the devtools page', () => {
  it('reads the top frame and every listed frame on opening, numbering frames, and hands each session over once', async () => {
    const page = inspectedPage();
    page.frames.push(TOP, FRAME, OTHER);
    page.hook(TOP, [session(1)]);
    page.hook(FRAME, [session(2), session(3)]);
    page.hook(OTHER, null); // a frame without the hook
    const { delivered, clock } = start(page);
    await clock.advance(0);
    expect(delivered).toEqual([
      { frame: { frameId: 0, url: TOP }, sessions: [session(1)] },
      { frame: { frameId: 1, url: FRAME }, sessions: [session(2), session(3)] },
    ]);
    // The top frame's address in the list is not read a second time as a frame.
    expect(page.evaluated).toEqual([undefined, FRAME, OTHER]);

    page.hook(FRAME, [session(2), session(3), session(4)]);
    await clock.advance(1999);
    expect(delivered).toHaveLength(2);
    await clock.advance(1);
    expect(delivered.slice(2)).toEqual([{ frame: { frameId: 1, url: FRAME }, sessions: [session(4)] }]);
    await clock.advance(2000);
    expect(delivered).toHaveLength(3);
  });

  it('keeps a frame its number across reads, and numbers a frame that appears later after the others', async () => {
    const page = inspectedPage();
    page.frames.push(TOP, OTHER);
    page.hook(TOP, []);
    page.hook(OTHER, [session(1)]);
    const { delivered, clock } = start(page);
    await clock.advance(0);
    page.frames.splice(1, 0, FRAME);
    page.hook(FRAME, [session(2)]);
    page.hook(OTHER, [session(1), session(3)]);
    await clock.advance(2000);
    expect(delivered.map((d) => [d.frame.frameId, d.frame.url, d.sessions.length])).toEqual([
      [1, OTHER, 1],
      [2, FRAME, 1],
      [1, OTHER, 1],
    ]);
  });

  it('reads sooner when asked, and never later than a read already due', async () => {
    const page = inspectedPage();
    page.hook(TOP, []);
    const { reader, clock } = start(page);
    await clock.advance(0);
    expect(page.evaluated).toHaveLength(1);
    await clock.advance(500);
    reader.readSoon(300);
    await clock.advance(300);
    expect(page.evaluated).toHaveLength(2);
    // The next periodic read is 2 s after that one; asking for one in 5 s does not push it back.
    reader.readSoon(5000);
    await clock.advance(2000);
    expect(page.evaluated).toHaveLength(3);
  });

  it('hands everything over again after forgetting, as after a navigation or a service worker restart', async () => {
    const page = inspectedPage();
    page.frames.push(FRAME);
    page.hook(TOP, [session(1)]);
    page.hook(FRAME, [session(2)]);
    const { reader, delivered, clock } = start(page);
    await clock.advance(0);
    await clock.advance(2000);
    expect(delivered).toHaveLength(2);
    reader.forgetDelivered();
    reader.readSoon(0);
    await clock.advance(0);
    expect(delivered.slice(2)).toEqual(delivered.slice(0, 2));
  });

  it('waits for a page that does not answer without piling reads up, then reads once more', async () => {
    const page = inspectedPage();
    page.answers.set('', 'hang');
    const { delivered, clock } = start(page);
    await clock.advance(0);
    await clock.advance(10_000);
    expect(page.evaluated).toEqual([undefined]);
    page.hook(TOP, [session(1)]);
    page.hung[0]!(ok({ url: TOP, sessions: [session(9)] }));
    await settle();
    // The late answer, then the one read that was asked for meanwhile.
    expect(page.evaluated).toEqual([undefined, undefined]);
    expect(delivered.flatMap((d) => d.sessions)).toEqual([session(9), session(1)]);
  });

  it('delivers nothing for answers that are not a hook\'s, at most 50 sessions a frame, and goes on past a frame that fails', async () => {
    const page = inspectedPage();
    page.frames.push(FRAME, OTHER, 'https://gone.example/');
    page.answers.set('', ok({ url: 42, sessions: [session(1)] }));
    page.answers.set(FRAME, ok({ url: FRAME, sessions: 'many' }));
    page.hook(OTHER, Array.from({ length: 70 }, (_, i) => session(i)));
    const { delivered, clock } = start(page);
    await clock.advance(0);
    expect(delivered).toEqual([{ frame: { frameId: 2, url: OTHER }, sessions: Array.from({ length: 50 }, (_, i) => session(i)) }]);
    page.answers.set('', ok({ url: TOP, sessions: 'many' }));
    page.answers.set(FRAME, ok({ url: TOP, sessions: [session(2)] })); // DevTools ran it in the top frame instead
    page.answers.set(OTHER, fail('DevTools could not evaluate: the frame navigated'));
    await clock.advance(2000);
    expect(delivered).toHaveLength(1);
    expect(page.evaluated.slice(4)).toEqual([undefined, FRAME, OTHER, 'https://gone.example/']);
  });

  it('drops what a read begun before a navigation finds, and reads the new document', async () => {
    const page = inspectedPage();
    page.answers.set('', 'hang');
    const { reader, delivered, clock } = start(page);
    await clock.advance(0);
    // The page navigates while DevTools waits for the old document's answer.
    reader.forgetDelivered();
    reader.readSoon(500);
    page.hook(TOP, [session(2)]);
    page.hung[0]!(ok({ url: TOP, sessions: [session(1)] }));
    await settle();
    expect(delivered).toEqual([]);
    await clock.advance(500);
    await settle();
    expect(delivered).toEqual([{ frame: { frameId: 0, url: TOP }, sessions: [session(2)] }]);
  });

  it('reads nothing once stopped', async () => {
    const page = inspectedPage();
    page.hook(TOP, [session(1)]);
    const { reader, clock } = start(page);
    await clock.advance(0);
    reader.stop();
    reader.readSoon(0);
    await clock.advance(60_000);
    expect(page.evaluated).toHaveLength(1);
  });
});
