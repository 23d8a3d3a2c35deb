import browser from 'webextension-polyfill';
import { fail, ok, type Result } from '../../core/result.ts';

/**
 * `devtools.inspectedWindow.eval` answers in different shapes:
 * - Chrome ≥ 152 (native `browser`): resolves to the bare value, rejects with `{ isException, value }`;
 * - Firefox and the polyfill on older Chrome: resolves to `[result, exceptionInfo]`;
 * - the `chrome.*` callback form: `(result, exceptionInfo)`.
 * A bare array result and the tuple look alike, so the expression's value is wrapped in a marked
 * object: whatever the shape, the marker tells which part is the value.
 */
const MARK = '__connectDevtoolsValue';

export function wrapExpression(expression: string): string {
  return `(function(){return {${MARK}: (${expression})};})()`;
}

function describeException(info: unknown): string {
  if (info && typeof info === 'object') {
    const i = info as Record<string, unknown>;
    if (i['isException']) return `The page threw: ${String(i['value'])}`;
    if (i['isError']) return `DevTools could not evaluate: ${String(i['description'] ?? i['code'] ?? 'unknown error')}`;
  }
  return `DevTools could not evaluate: ${String(info)}`;
}

function unwrap(value: unknown): Result<unknown> {
  if (value && typeof value === 'object' && MARK in value) return ok((value as Record<string, unknown>)[MARK]);
  return fail('DevTools returned an answer of an unexpected shape.');
}

export type EvalSettlement =
  | { status: 'fulfilled'; value: unknown }
  | { status: 'rejected'; reason: unknown }
  | { status: 'callback'; result: unknown; exceptionInfo: unknown };

/** Normalises every known answer shape of a wrapped expression into one result. */
export function normaliseEvalAnswer(answer: EvalSettlement): Result<unknown> {
  switch (answer.status) {
    case 'rejected':
      return fail(describeException(answer.reason));
    case 'callback':
      if (answer.exceptionInfo && typeof answer.exceptionInfo === 'object' && Object.keys(answer.exceptionInfo).length) {
        const info = answer.exceptionInfo as Record<string, unknown>;
        if (info['isException'] || info['isError']) return fail(describeException(info));
      }
      return unwrap(answer.result);
    case 'fulfilled': {
      // Our expression always yields a marked object, so an array can only be the tuple form.
      if (Array.isArray(answer.value)) {
        const [result, exceptionInfo] = answer.value as unknown[];
        return normaliseEvalAnswer({ status: 'callback', result, exceptionInfo });
      }
      return unwrap(answer.value);
    }
  }
}

/**
 * Evaluates an expression in the inspected page's top frame, or in the frame whose document has the
 * address `frameUrl` (Chrome only: Firefox ignores the option, so it is never passed without
 * `listFrameDocuments` having found frames); never throws.
 */
export async function evalInInspectedWindow(expression: string, frameUrl?: string): Promise<Result<unknown>> {
  try {
    const inspected = browser.devtools.inspectedWindow;
    const wrapped = wrapExpression(expression);
    const value: unknown = await (frameUrl === undefined ? inspected.eval(wrapped) : inspected.eval(wrapped, { frameURL: frameUrl }));
    return normaliseEvalAnswer({ status: 'fulfilled', value });
  } catch (reason) {
    return normaliseEvalAnswer({ status: 'rejected', reason });
  }
}

type ResourceLister = (callback: (resources: unknown) => void) => void;

/**
 * The addresses of the documents of the inspected page's frames, the top one included, as DevTools
 * lists them. Empty where the browser has no `getResources` (Firefox), or when it fails.
 */
export function listFrameDocuments(): Promise<string[]> {
  return new Promise((resolve) => {
    const inspected = (globalThis as { chrome?: { devtools?: { inspectedWindow?: { getResources?: ResourceLister } } } }).chrome?.devtools
      ?.inspectedWindow;
    if (typeof inspected?.getResources !== 'function') return resolve([]);
    try {
      inspected.getResources((resources) => resolve(documentUrls(resources)));
    } catch {
      resolve([]);
    }
  });
}

/** Keeps the `document` resources' addresses, each once, in DevTools' order. */
export function documentUrls(resources: unknown): string[] {
  if (!Array.isArray(resources)) return [];
  const urls = new Set<string>();
  for (const resource of resources as unknown[]) {
    const { type, url } = (resource ?? {}) as { type?: unknown; url?: unknown };
    if (type === 'document' && typeof url === 'string' && url.length <= 4096) urls.add(url);
  }
  return [...urls];
}
