import type { RawResponse } from '../../src/core/poll/poll-request.ts';
import { PLATFORM_ERRORS, platformError } from '../../src/simulator/errors.ts';
import { reply, type ApiReply } from '../../src/simulator/reply.ts';

/**
 * What the simulated platform answers to a thirdpartystatus call at a given moment of a run. The
 * bodies are the simulator's own (status answers, platform error bodies), so a kept record is as
 * large as one the panel would keep against the simulator.
 */
export type PaymentScenario = {
  name: string;
  description: string;
  answerAt(elapsedMs: number, now: number): RawResponse;
};

const MINUTE = 60_000;
const SECOND = 1000;

/** A span of the run, in milliseconds since the first poll, and what the platform says during it. */
type Phase = { from: number; to: number; answer: () => ApiReply };

const status = (thirdPartyStatus: string) => () => reply(200, { thirdPartyStatus });
const unavailable = () => platformError(PLATFORM_ERRORS.serviceUnavailable);
const tooManyRequests = () => platformError(PLATFORM_ERRORS.tooManyRequests, {}, { 'Retry-After': '5' });

/**
 * The headers a browser's fetch hands over for such an answer, names in lower case as `Headers`
 * gives them; the poller keeps content type, length, date and Retry-After.
 */
function toRawResponse(answer: ApiReply, now: number): RawResponse {
  const bodyText = JSON.stringify(answer.body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(bodyText)),
    date: new Date(now).toUTCString(),
  };
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value;
  return { status: answer.status, headers, bodyText };
}

function scenario(name: string, description: string, answer: (elapsedMs: number) => ApiReply): PaymentScenario {
  return { name, description, answerAt: (elapsedMs, now) => toRawResponse(answer(elapsedMs), now) };
}

/** Phases are checked in order, so short error windows listed first cut into the long state ones. */
function phased(phases: readonly Phase[]): (elapsedMs: number) => ApiReply {
  return (elapsedMs) => {
    const phase = phases.find((p) => elapsedMs >= p.from && elapsedMs < p.to) ?? phases.at(-1);
    if (!phase) throw new Error('a scenario needs at least one phase');
    return phase.answer();
  };
}

/**
 * The customer approves late: WAITING for 40 minutes, INITIALIZED, AUTHORIZED for over an hour with
 * three 503 bursts and one 429, then COMPLETED five minutes before the session would expire.
 */
export const completesLate = scenario(
  'completes-late',
  'WAITING 40 min, INITIALIZED, AUTHORIZED with three 503 bursts and a 429, COMPLETED at 1 h 55 min',
  phased([
    { from: 55 * MINUTE, to: 55 * MINUTE + 20 * SECOND, answer: unavailable },
    { from: 75 * MINUTE, to: 75 * MINUTE + 45 * SECOND, answer: unavailable },
    { from: 85 * MINUTE, to: 85 * MINUTE + SECOND, answer: tooManyRequests },
    { from: 95 * MINUTE, to: 95 * MINUTE + 10 * SECOND, answer: unavailable },
    { from: 0, to: 40 * MINUTE, answer: status('WAITING') },
    { from: 40 * MINUTE, to: 41 * MINUTE, answer: status('INITIALIZED') },
    { from: 41 * MINUTE, to: 115 * MINUTE, answer: status('AUTHORIZED') },
    { from: 115 * MINUTE, to: Infinity, answer: status('COMPLETED') },
  ]),
);

/** The customer never scans the code: the poll runs until the two-hour limit stops it. The most polls. */
export const staysWaiting = scenario('stays-waiting', 'WAITING for the whole 2 h, stopped by the 2-hour limit', status('WAITING'));

const FLAKY_ERRORS = [unavailable, () => platformError(PLATFORM_ERRORS.badGateway), () => platformError(PLATFORM_ERRORS.serverError), tooManyRequests];

/**
 * A platform having a bad two hours: WAITING throughout, but every twentieth second fails, each
 * time with the next of 503, 502, 500 and 429. While each new kind of error started a new row, this
 * was the history with the most rows (about 360) and the most error bodies kept; with every error
 * between two states in one row, it is two rows and two kept records of each kind of error.
 */
export const flakyPlatform = scenario(
  'flaky-platform',
  'WAITING for 2 h, every 20th second an error, cycling 503, 502, 500, 429',
  (elapsedMs) => {
    const second = Math.floor(elapsedMs / SECOND);
    const failing = second % 20 === 19 ? FLAKY_ERRORS[Math.floor(second / 20) % FLAKY_ERRORS.length] : undefined;
    return (failing ?? status('WAITING'))();
  },
);

export const SCENARIOS: readonly PaymentScenario[] = [completesLate, staysWaiting, flakyPlatform];

/**
 * The script of the synthetic history of a million polls (scripts/bench/synthetic-history.ts), not
 * one of the two-hour SCENARIOS: a customer who keeps scanning the code and backing out, so the
 * state goes WAITING → INITIALIZED → WAITING every ten minutes, on the flaky platform (every
 * twentieth answer an error, cycling 503, 502, 500, 429). Over a million polls that is 1,667 state
 * rows with an error row each: far more rows than the bounded history can keep, so the timeline
 * also shows gaps, and it is long enough to be drawn as a scrolled list.
 */
export const millionPolls = scenario(
  'million-polls',
  '10^6 polls: WAITING and INITIALIZED by turns every 10 min, every 20th answer an error cycling 503, 502, 500, 429',
  (elapsedMs) => {
    const second = Math.floor(elapsedMs / SECOND);
    const failing = second % 20 === 19 ? FLAKY_ERRORS[Math.floor(second / 20) % FLAKY_ERRORS.length] : undefined;
    return (failing ?? status(Math.floor(elapsedMs / (10 * MINUTE)) % 2 === 0 ? 'WAITING' : 'INITIALIZED'))();
  },
);
