import type { Frame } from 'playwright-core';
import type { PollRecord, PollStop } from '../../../src/core/timeline/poll-record.ts';
import { pollArchiveKey } from '../../../src/extension/storage-keys.ts';

/**
 * What a poll did and what it told, read from the panel itself rather than sampled from outside:
 *
 * - the poll's records, as the panel keeps them (the archive in `storage.session` that a reopened
 *   DevTools shows): when each request started and its answer ended, on the panel's own clock;
 * - every value its card's state line took ("Polling every 1 s; next in 4 s (retry-after)"), logged
 *   inside the panel by a MutationObserver at the moment it changed, on the same clock. Nothing is
 *   missed however short it lasted: the observer sees every change, the test reads the log later.
 *
 * Together they give each wait the poller made (from one record's end to the next one's start)
 * with the decision it announced for it.
 */

/** One value a card's state line took, and when (the panel's `Date.now()`). */
export type StateLine = { at: number; text: string };

/** A poll as the panel keeps it. */
export type KeptPoll = { records: PollRecord[]; stop?: PollStop; intervalMs: number };

export interface PollWatch {
  /** Every value the state line of `paymentId`'s card took since the watch began, in order. */
  stateLines(paymentId: string): Promise<StateLine[]>;
  /** The poll of `paymentId` as the panel keeps it; undefined before its first write. */
  kept(paymentId: string): Promise<KeptPoll | undefined>;
}

type LogWindow = { __pollStateLines?: Record<string, StateLine[]> };

/** Starts logging every poll card's state line in `panel`; safe to call again on the same panel. */
export async function watchPolls(panel: Frame): Promise<PollWatch> {
  await panel.evaluate(() => {
    const w = window as unknown as LogWindow;
    if (w.__pollStateLines) return;
    const log: Record<string, StateLine[]> = {};
    w.__pollStateLines = log;
    const last: Record<string, string> = {};
    const owner = new WeakMap<Node, string>();
    const push = (paymentId: string, text: string, at: number) => {
      if (last[paymentId] === text) return;
      last[paymentId] = text;
      (log[paymentId] ??= []).push({ at, text });
    };
    const scan = (at: number) => {
      for (const card of document.querySelectorAll('[data-testid="poll"]')) {
        const paymentId = card.getAttribute('data-payment-id') ?? '';
        const line = card.querySelector('[data-testid="poll-state"]');
        if (!line) continue;
        for (const node of line.childNodes) owner.set(node, paymentId);
        push(paymentId, line.textContent ?? '', at);
      }
    };
    new MutationObserver((mutations) => {
      const at = Date.now();
      // A value replaced again before this callback ran is still in the mutation's oldValue.
      for (const mutation of mutations) {
        if (mutation.type !== 'characterData' || mutation.oldValue === null) continue;
        const line = mutation.target.parentElement?.closest('[data-testid="poll-state"]');
        const paymentId = owner.get(mutation.target) ?? line?.closest('[data-testid="poll"]')?.getAttribute('data-payment-id');
        if (paymentId) push(paymentId, mutation.oldValue, at);
      }
      scan(at);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, characterDataOldValue: true });
    scan(Date.now());
  });
  const key = pollArchiveKey(await panel.evaluate(() => chrome.devtools.inspectedWindow.tabId));
  return {
    stateLines: (paymentId) => panel.evaluate((id) => (window as unknown as LogWindow).__pollStateLines?.[id] ?? [], paymentId),
    kept: (paymentId) =>
      panel.evaluate(
        async ({ key, paymentId }) => {
          const archived = (await chrome.storage.session.get(key))[key] as unknown;
          const polls = Array.isArray(archived) ? (archived as (KeptPoll & { target: { paymentId: string } })[]) : [];
          const poll = polls.find((p) => p.target.paymentId === paymentId);
          return poll && { records: poll.records, ...(poll.stop ? { stop: poll.stop } : {}), intervalMs: poll.intervalMs };
        },
        { key, paymentId },
      ),
  };
}

/** What the poller decided after one answer, as its state line announced it. */
export type Decision = {
  why: 'interval' | 'backoff' | 'retry-after';
  /** The wait announced ("next in 2 s"), as shown: whole seconds rounded down. */
  shownMs?: number;
  text: string;
};

/** "850 ms", "4 s", "1 min 05 s" as milliseconds. */
function shownDuration(text: string): number | undefined {
  const ms = /^(\d+) ms$/.exec(text);
  if (ms) return Number(ms[1]);
  const s = /^(?:(\d+) min )?(\d+) s$/.exec(text);
  return s ? (Number(s[1] ?? 0) * 60 + Number(s[2])) * 1000 : undefined;
}

const IN_FLIGHT = '(request in flight)';

/** The decision a running card's state line tells between an answer and the next request; undefined for any other line. */
export function decisionOf(text: string): Decision | undefined {
  if (!text.startsWith('Polling every ') || text.includes(IN_FLIGHT)) return undefined;
  const next = /; next in (.+) \((backoff|retry-after)\)$/.exec(text);
  if (!next) return text.includes('; next in') ? undefined : { why: 'interval', text };
  const shownMs = shownDuration(next[1] ?? '');
  return { why: next[2] as 'backoff' | 'retry-after', ...(shownMs === undefined ? {} : { shownMs }), text };
}

/**
 * The requests and decisions a state line log shows. The panel renders each poller event as it
 * comes: a request sent turns the line to "(request in flight)", its answer to the decision for the
 * next one, so each request and each decision is one change of the line, in order. The n-th
 * decision is the one taken after the n-th answer of the log.
 */
export function readStateLines(lines: readonly StateLine[]): { sent: number; decisions: Decision[] } {
  let sent = 0;
  const decisions: Decision[] = [];
  for (const line of lines) {
    if (line.text.startsWith('Polling every ') && line.text.includes(IN_FLIGHT)) sent += 1;
    else {
      const decision = decisionOf(line.text);
      if (decision) decisions.push(decision);
    }
  }
  return { sent, decisions };
}

/** The shortest wait a decision allows: the interval, or longer when it announced a longer one. */
export function leastWaitMs(decision: Decision, intervalMs: number): number {
  return Math.max(intervalMs, decision.shownMs ?? 0);
}

/**
 * One stretch between two records the panel kept: from `from`'s answer to `to`'s request. When
 * polls in between were folded away (repeated errors keep their first and latest), it holds their
 * requests and waits too; `waits` lists the decisions of every wait it holds, in order.
 */
export type Stretch = { from: PollRecord; to: PollRecord; spanMs: number; waits: Decision[] };

/**
 * Every stretch between consecutive kept records, each with the decisions of the waits in it
 * (`decisions[seq - firstSeq]` is the decision after answer `seq`). Records before `firstSeq` are
 * left out. A stretch lasts at least the sum of its waits, whatever was folded.
 */
export function stretchesOf(records: readonly PollRecord[], decisions: readonly Decision[], firstSeq = 0): Stretch[] {
  const kept = records.filter((r) => r.seq >= firstSeq).sort((a, b) => a.seq - b.seq);
  return kept.slice(1).map((to, i) => {
    const from = kept[i]!;
    return { from, to, spanMs: to.startedAt - from.endedAt, waits: decisions.slice(from.seq - firstSeq, to.seq - firstSeq) };
  });
}
