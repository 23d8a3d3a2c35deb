import { afterAll, beforeAll } from 'vitest';
import { launchExtensionBrowser, type ExtensionBrowser } from '../../../scripts/browser/extension-browser.ts';
import { startDemoServers, type DemoServerOptions, type DemoServers } from './demo-servers.ts';

export interface DemoSuite {
  readonly browser: ExtensionBrowser;
  readonly servers: DemoServers;
}

/** One Chromium with the extension, the simulator and the demo checkout for a test file; closed after it. */
export function useDemoSuite(options: DemoServerOptions = {}): DemoSuite {
  const suite: { browser?: ExtensionBrowser; servers?: DemoServers } = {};
  beforeAll(async () => {
    suite.servers = await startDemoServers(options);
    suite.browser = await launchExtensionBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.servers?.close();
  });
  return {
    get browser() {
      if (!suite.browser) throw new Error('The browser starts in beforeAll.');
      return suite.browser;
    },
    get servers() {
      if (!suite.servers) throw new Error('The servers start in beforeAll.');
      return suite.servers;
    },
  };
}
