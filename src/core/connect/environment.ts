import type { SdkIdentity, SdkSession } from '../detect/observation.ts';

export type Environment = 'sandbox' | 'pre-production' | 'production' | 'simulator' | 'unknown';

/**
 * Domains of the Connect Client API and its assets, old and new. Under them the environment is a
 * host label: `sandbox`/`preprod` (`ams1.preprod.api-ingenico.com`, `api.preprod.connect…`) or a
 * `-sandbox`/`-preprod` suffix (`par-preprod.api-ingenico.com`, `api-eu-sandbox.globalcollect.com`).
 * Hosts outside them say nothing: the session response chooses the host, so a custom one is possible.
 */
const CONNECT_DOMAINS = [
  'api-ingenico.com',
  'connect.worldline-solutions.com',
  'globalcollect.com',
  'secured-by-ingenico.com',
  'poweredbyglobalcollect.com',
];

function hostnameOf(url: string): string | null {
  if (url.length > 4096) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Loopback hosts are taken as the platform simulator. That is only a guess from the host: the panel
 * confirms a real simulator by asking its `/control/info` endpoint.
 */
function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

export function guessEnvironment(url: string): Environment {
  const hostname = hostnameOf(url);
  if (hostname === null) return 'unknown';
  if (isLoopback(hostname)) return 'simulator';
  const domain = CONNECT_DOMAINS.find((d) => hostname === d || hostname.endsWith(`.${d}`));
  if (domain === undefined) return 'unknown';
  const labels = hostname.slice(0, -domain.length).split('.');
  if (labels.some((l) => l === 'sandbox' || l.endsWith('-sandbox'))) return 'sandbox';
  if (labels.some((l) => l === 'preprod' || l.endsWith('-preprod'))) return 'pre-production';
  return 'production';
}

/**
 * Connect and Worldline Online Payments share the wire format and, on some SDKs, even the
 * identifier (`JavaScriptClientSDK/…`, `SwiftClientSDK/…`), so the platform is never read from the
 * host: it comes from the page global the session was made with, else from the SDK's name or creator.
 * Only Connect offers third-party status.
 */
export type Platform = 'connect' | 'online-payments';

const ONLINE_PAYMENTS_CREATOR = /online\s*payments/i;
/** `Ingenico` (v1–v4, Android ≤6), `Worldline Global Collect` (JS v6, Android 7), `Wordline Connect` (sic, Swift 6–7). */
const CONNECT_CREATOR = /ingenico|global\s*collect|wor(?:l)?dline\s+connect/i;

export function guessPlatform(from: { global?: SdkSession['global']; sdk?: SdkIdentity }): Platform | 'unknown' {
  if (from.global === 'connectsdk') return 'connect';
  if (from.global === 'onlinepaymentssdk') return 'online-payments';
  const sdk = from.sdk;
  if (sdk === undefined) return 'unknown';
  if (/^onlinepayments/i.test(sdk.name) || ONLINE_PAYMENTS_CREATOR.test(sdk.creator ?? '')) return 'online-payments';
  if (CONNECT_CREATOR.test(sdk.creator ?? '')) return 'connect';
  return 'unknown';
}
