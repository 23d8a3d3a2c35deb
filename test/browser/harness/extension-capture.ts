import type { BrowserContext, CDPSession } from 'playwright-core';
import { followTargets, type TargetInfo } from './follow-targets.ts';

/** Which part of the extension a target is, or the inspected page (whose content scripts run in it). */
export type Part = 'service worker' | 'devtools page' | 'panel' | 'inspected page';

export interface CapturedRequest {
  part: Part;
  url: string;
  method: string;
  /** Headers as sent (the extra-info event adds those the network stack set, `Authorization` included). */
  headers: Record<string, string>;
  body: string;
  /** Every script URL in the initiator's stack, async parents included: how a content script's request is told. */
  initiatorUrls: string[];
}

export interface CapturedConsole {
  part: Part;
  text: string;
}

export interface ExtensionCapture {
  readonly requests: readonly CapturedRequest[];
  readonly console: readonly CapturedConsole[];
  /** Which parts have been attached so far. */
  readonly parts: ReadonlySet<Part>;
  /** Runs `expression` in every attached target of `part` (e.g. a console line proving the capture hears it). */
  evaluateIn(part: Part, expression: string): Promise<number>;
  stop(): Promise<void>;
}

type Initiator = { url?: string; stack?: Stack };
type Stack = { callFrames: { url: string }[]; parent?: Stack; parentId?: unknown };
type RemoteObject = { value?: unknown; description?: string; preview?: { properties?: { value?: string }[] } };

function partOf(info: TargetInfo, extensionPrefix: string): Part | undefined {
  if (info.url.startsWith(extensionPrefix)) {
    if (info.type === 'service_worker') return 'service worker';
    if (info.url.includes('/src/extension/devtools/')) return 'devtools page';
    if (info.url.includes('/src/panel/')) return 'panel';
    return undefined;
  }
  // The inspected page and its cross-origin frames: content scripts make their requests there.
  if ((info.type === 'page' || info.type === 'iframe') && /^https?:/.test(info.url)) return 'inspected page';
  return undefined;
}

function stackUrls(stack: Stack | undefined): string[] {
  const urls: string[] = [];
  for (let s = stack; s; s = s.parent) urls.push(...s.callFrames.map((f) => f.url));
  return urls;
}

function remoteText(value: RemoteObject): string {
  const preview = value.preview?.properties?.map((p) => p.value ?? '').join(' ') ?? '';
  return [value.value === undefined ? '' : typeof value.value === 'string' ? value.value : JSON.stringify(value.value), value.description ?? '', preview].join(' ');
}

/**
 * Records, over DevTools Protocol, every request and every console line of each part of the
 * extension: the service worker, the devtools page and the panel (their own targets), and the
 * inspected page's targets, where a content script's request would show with the script's URL in its
 * initiator. Targets are found as they appear (a browser-level session discovering targets) and
 * attached with non-flattened sessions, since Playwright routes flattened child sessions to itself.
 */
export async function captureExtension(context: BrowserContext, extensionId: string): Promise<ExtensionCapture> {
  const browser = context.browser();
  if (!browser) throw new Error('A persistent context is needed to capture the extension.');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const prefix = `chrome-extension://${extensionId}/`;
  const requests: CapturedRequest[] = [];
  const consoleLines: CapturedConsole[] = [];
  const parts = new Set<Part>();
  const byRequest = new Map<string, CapturedRequest>(); // sessionId|requestId → request
  const sessions = new Map<string, { part: Part; sessionId: string }>(); // targetId → session
  const partBySession = new Map<string, Part>();
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();

  const sendTo = (sessionId: string, method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      cdp
        .send('Target.sendMessageToTarget' as never, { sessionId, message: JSON.stringify({ id, method, params }) } as never)
        .catch(() => {
          pending.delete(id);
          resolve(undefined);
        });
    });

  const attach = async (info: TargetInfo) => {
    const part = partOf(info, prefix);
    if (!part || sessions.has(info.targetId)) return;
    sessions.set(info.targetId, { part, sessionId: '' });
    const result = (await cdp
      .send('Target.attachToTarget' as never, { targetId: info.targetId, flatten: false } as never)
      .catch(() => undefined)) as { sessionId: string } | undefined;
    if (!result) {
      sessions.delete(info.targetId);
      return;
    }
    sessions.set(info.targetId, { part, sessionId: result.sessionId });
    partBySession.set(result.sessionId, part);
    parts.add(part);
    await Promise.all([
      sendTo(result.sessionId, 'Network.enable'),
      sendTo(result.sessionId, 'Runtime.enable'),
      sendTo(result.sessionId, 'Log.enable'),
    ]);
    await sendTo(result.sessionId, 'Runtime.runIfWaitingForDebugger');
  };

  const key = (sessionId: string, requestId: string) => `${sessionId}|${requestId}`;

  cdp.on('Target.receivedMessageFromTarget' as never, ((event: { sessionId: string; message: string }) => {
    const message = JSON.parse(event.message) as { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown };
    if (message.id !== undefined) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
      return;
    }
    const part = partBySession.get(event.sessionId);
    if (!part) return;
    const params = message.params ?? {};
    switch (message.method) {
      case 'Network.requestWillBeSent': {
        const request = params['request'] as { url: string; method: string; headers: Record<string, string>; postData?: string };
        const initiator = params['initiator'] as Initiator;
        const captured: CapturedRequest = {
          part,
          url: request.url,
          method: request.method,
          headers: { ...request.headers },
          body: request.postData ?? '',
          initiatorUrls: [initiator.url ?? '', ...stackUrls(initiator.stack)].filter(Boolean),
        };
        const id = key(event.sessionId, params['requestId'] as string);
        const known = byRequest.get(id);
        // A redirect re-sends under the same id: keep both.
        if (known) Object.assign(captured.headers, known.headers);
        byRequest.set(id, captured);
        requests.push(captured);
        break;
      }
      case 'Network.requestWillBeSentExtraInfo': {
        const captured = byRequest.get(key(event.sessionId, params['requestId'] as string));
        if (captured) Object.assign(captured.headers, params['headers'] as Record<string, string>);
        break;
      }
      case 'Runtime.consoleAPICalled':
        consoleLines.push({ part, text: ((params['args'] as RemoteObject[]) ?? []).map(remoteText).join(' ') });
        break;
      case 'Runtime.exceptionThrown': {
        const details = params['exceptionDetails'] as { text?: string; exception?: RemoteObject };
        consoleLines.push({ part, text: `${details.text ?? ''} ${details.exception ? remoteText(details.exception) : ''}` });
        break;
      }
      case 'Log.entryAdded': {
        const entry = params['entry'] as { text: string; url?: string };
        consoleLines.push({ part, text: `${entry.text} ${entry.url ?? ''}` });
        break;
      }
    }
  }) as never);
  await followTargets(cdp, attach, (targetId) => void sessions.delete(targetId));

  return {
    requests,
    console: consoleLines,
    parts,
    async evaluateIn(part, expression) {
      const targets = [...sessions.values()].filter((s) => s.part === part && s.sessionId);
      await Promise.all(targets.map((s) => sendTo(s.sessionId, 'Runtime.evaluate', { expression })));
      return targets.length;
    },
    async stop() {
      await cdp.send('Target.setDiscoverTargets' as never, { discover: false } as never).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}
