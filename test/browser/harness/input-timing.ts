import type { Frame } from 'playwright-core';

/**
 * Input-to-paint in the panel, as the browser measures it (Event Timing: from an input event to the
 * next paint after the panel handled it), as test/browser/hostile-page.test.ts reads it. Event Timing
 * reports nothing under 16 ms; such an event counts as 16.
 */

type Timing = { name: string; start: number; duration: number };

/** Starts keeping the panel's Event Timing entries. */
export async function observeInputTiming(panel: Frame): Promise<void> {
  await panel.evaluate(() => {
    const w = window as unknown as { __inputTimings: Timing[] };
    w.__inputTimings = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__inputTimings.push({ name: e.name, start: e.startTime, duration: e.duration });
    }).observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
  });
}

export type InputCheck = { inputToPaint: number; roundTrip: number };

/**
 * Types a payment id of `length` characters into "Watch a payment by id" and Enter, waits until its
 * note is painted, and reads the worst key-press (or input) to paint of those events. `roundTrip` is
 * the test's own time for it, through the DevTools Protocol: printed, not a figure of the panel.
 */
export async function inputToPaint(panel: Frame, length: number): Promise<InputCheck> {
  const form = panel.getByTestId('typed-payment-form');
  const id = `w${'x'.repeat(length - 1)}`;
  const started = performance.now();
  const since = await panel.evaluate(() => performance.now());
  const timeout = 60_000;
  const input = form.locator('input[name="paymentId"]');
  await input.fill(id, { timeout });
  await input.press('Enter', { timeout });
  await panel.getByTestId('typed-payment-message').filter({ hasText: `this one is ${length} characters` }).waitFor({ timeout });
  await panel.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const roundTrip = performance.now() - started;
  const worst = await panel.evaluate(
    (from) =>
      (window as unknown as { __inputTimings: Timing[] }).__inputTimings
        .filter((e) => e.start >= from && /^(key|input|beforeinput|submit)/.test(e.name))
        .reduce((max, e) => Math.max(max, e.duration), 16),
    since,
  );
  return { inputToPaint: worst, roundTrip };
}
