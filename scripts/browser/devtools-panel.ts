import type { BrowserContext, Frame, Page } from 'playwright-core';
import { waitFor } from './wait-for.ts';

export const PANEL_TITLE = 'Connect';

export interface OpenPanel {
  devtools: Page;
  panel: Frame;
}

async function targetIdOf(context: BrowserContext, page: Page): Promise<string> {
  const session = await context.newCDPSession(page);
  try {
    const { targetInfo } = (await session.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } };
    return targetInfo.targetId;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/**
 * Opens a real DevTools window for `page` and shows the Connect panel in it. Selecting the panel
 * uses DevTools' own InspectorView (see docs/testing.md for the fallback if that internal moves).
 */
export async function openConnectPanel(context: BrowserContext, page: Page, extensionId: string): Promise<OpenPanel> {
  const browser = context.browser();
  if (!browser) throw new Error('A persistent context is needed to open DevTools.');
  const cdp = await browser.newBrowserCDPSession();
  const pageTargetId = await targetIdOf(context, page);
  const existing = (await cdp
    .send('Target.getDevToolsTarget' as never, { targetId: pageTargetId } as never)
    .catch(() => ({}))) as { targetId?: string };
  const devtoolsTargetId =
    existing.targetId ??
    ((await cdp.send('Target.openDevTools' as never, { targetId: pageTargetId } as never)) as { targetId: string })
      .targetId;
  await cdp.detach().catch(() => undefined);

  const devtools = await waitFor(
    async () => {
      for (const candidate of context.pages()) {
        if (!candidate.url().startsWith('devtools://')) continue;
        if ((await targetIdOf(context, candidate).catch(() => '')) === devtoolsTargetId) return candidate;
      }
      return undefined;
    },
    { what: 'the DevTools window' },
  );

  const tabId = `chrome-extension://${extensionId}${PANEL_TITLE.replace(/\s/g, '')}`;
  await waitFor(() => devtools.evaluate(inDevtools(`Boolean(view) && view.tabbedPane.tabIds().includes(ID)`, tabId)), {
    what: 'the Connect panel tab',
    timeout: 45_000,
  }).catch(async (error: Error) => {
    // Say what DevTools did have, so a failure on a loaded machine can be told from a missing panel.
    const tabs = await devtools.evaluate(inDevtools('view ? view.tabbedPane.tabIds() : "InspectorView not ready"', tabId)).catch(String);
    throw new Error(`${error.message}; DevTools tabs: ${JSON.stringify(tabs)}`);
  });
  await showDevtoolsPanel(devtools, tabId);
  const panel = await waitFor(
    () => devtools.frames().find((frame) => frame.url() === `chrome-extension://${extensionId}/src/panel/index.html`),
    { what: 'the Connect panel frame' },
  );
  return { devtools, panel };
}

/**
 * An expression run inside the DevTools page with its InspectorView in `view` and the id in `ID`.
 * Passed as a string: the test runner rewrites `import()` in functions, which DevTools cannot run.
 * `maybeGetInspectorViewInstance` first: `instance()` before DevTools has booted breaks it.
 */
function inDevtools(body: string, id: string): string {
  return `(async () => {
    const UI = await import('./ui/legacy/legacy.js');
    const view = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance?.();
    const ID = ${JSON.stringify(id)};
    return ${body};
  })()`;
}

/** Shows a DevTools panel by id (ours, or e.g. "console" to put the Connect panel in the background). */
export async function showDevtoolsPanel(devtools: Page, panelId: string): Promise<void> {
  await devtools.evaluate(inDevtools('view.showPanel(ID).then(() => true)', panelId));
}
