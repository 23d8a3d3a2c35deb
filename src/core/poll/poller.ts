import { createPollLoop, type CreatePollerInput, type Poller } from './poll-loop.ts';
import { classifyPollResponse } from './poll-request.ts';

/**
 * The poller (poll-loop.ts) with its answers sorted by `classifyPollResponse`, loaded at once: for
 * Node, the tests and the benchmarks. The panel starts without zod, so it uses `createPollLoop` and
 * loads the classification when it first polls (panel/state/poll-manager.ts).
 */
export * from './poll-loop.ts';

export function createPoller<Handle>(input: CreatePollerInput<Handle>): Poller {
  return createPollLoop({ ...input, classify: classifyPollResponse });
}
