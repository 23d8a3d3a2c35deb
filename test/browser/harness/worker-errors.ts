import type { BrowserContext, CDPSession } from 'playwright-core';
import { followTargets, type TargetInfo } from './follow-targets.ts';

/** One thing the extension's service worker reported as wrong: an uncaught exception or an error log. */
export interface WorkerProblem {
  kind: 'exception' | 'console-error' | 'log-error';
  text: string;
}

export interface WorkerErrorWatch {
  /** Everything reported so far, by every worker of the extension that ran while watching. */
  readonly problems: readonly WorkerProblem[];
  /** How many worker targets were attached (a restarted worker is a new target). */
  readonly attached: number;
  stop(): Promise<void>;
}


/**
 * Collects the extension service worker's uncaught exceptions and console errors over DevTools
 * Protocol, on the worker's own target (Playwright's Worker has no error event). Workers that start
 * later (after a restart) are attached too. Uses the browser session with non-flattened target
 * sessions, since Playwright routes flattened child sessions only to its own objects.
 */
export async function watchWorkerErrors(context: BrowserContext, extensionId: string): Promise<WorkerErrorWatch> {
  const browser = context.browser();
  if (!browser) throw new Error('A persistent context is needed to watch the service worker.');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const problems: WorkerProblem[] = [];
  const sessions = new Map<string, string>(); // targetId → sessionId
  let attached = 0;
  let nextId = 1;
  const prefix = `chrome-extension://${extensionId}/`;

  const sendTo = (sessionId: string, method: string, params: object = {}) =>
    cdp
      .send('Target.sendMessageToTarget' as never, { sessionId, message: JSON.stringify({ id: nextId++, method, params }) } as never)
      .catch(() => undefined);

  const attach = async (info: TargetInfo) => {
    if (info.type !== 'service_worker' || !info.url.startsWith(prefix) || sessions.has(info.targetId)) return;
    sessions.set(info.targetId, '');
    const result = (await cdp
      .send('Target.attachToTarget' as never, { targetId: info.targetId, flatten: false } as never)
      .catch(() => undefined)) as { sessionId: string } | undefined;
    if (!result) {
      sessions.delete(info.targetId);
      return;
    }
    sessions.set(info.targetId, result.sessionId);
    attached += 1;
    await sendTo(result.sessionId, 'Runtime.enable');
    await sendTo(result.sessionId, 'Log.enable');
    await sendTo(result.sessionId, 'Runtime.runIfWaitingForDebugger');
  };

  cdp.on('Target.receivedMessageFromTarget' as never, ((event: { message: string }) => {
    const message = JSON.parse(event.message) as { method?: string; params?: Record<string, unknown> };
    const params = message.params ?? {};
    if (message.method === 'Runtime.exceptionThrown') {
      const details = params['exceptionDetails'] as { text?: string; exception?: { description?: string } };
      problems.push({ kind: 'exception', text: `${details.text ?? ''} ${details.exception?.description ?? ''}`.trim() });
    } else if (message.method === 'Runtime.consoleAPICalled') {
      const type = params['type'] as string;
      if (type === 'error' || type === 'assert') {
        const args = (params['args'] as { value?: unknown; description?: string }[]) ?? [];
        problems.push({ kind: 'console-error', text: args.map((a) => a.description ?? String(a.value)).join(' ') });
      }
    } else if (message.method === 'Log.entryAdded') {
      const entry = params['entry'] as { level: string; text: string; url?: string };
      if (entry.level === 'error') problems.push({ kind: 'log-error', text: `${entry.text}${entry.url ? ` (${entry.url})` : ''}` });
    }
  }) as never);
  await followTargets(cdp, attach, (targetId) => void sessions.delete(targetId));

  return {
    problems,
    get attached() {
      return attached;
    },
    async stop() {
      await cdp.send('Target.setDiscoverTargets' as never, { discover: false } as never).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}
