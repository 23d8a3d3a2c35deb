/**
 * Time, injected everywhere: the composition roots (service worker, devtools page, panel) pass the
 * machine's clock, tests a manual one that runs two hours in milliseconds. Nothing else reads the
 * wall clock, so no behaviour depends on today's date.
 */
export type Clock<Handle = unknown> = {
  now(): number;
  setTimeout(run: () => void, ms: number): Handle;
  clearTimeout(handle: Handle): void;
};
