import type { SdkIdentity, SdkSession } from '../detect/observation.ts';

export type Environment = 'sandbox' | 'pre-production' | 'production' | 'simulator' | 'unknown';

/**
 * Domains of the Connect Client API and its assets, old and new, and of its hosted checkout
 * (MyCheckout, formerly RPP). Under them the environment is a host label: `sandbox`/`preprod`
 * (`ams1.preprod.api-ingenico.com`, `api.preprod.connect…`) or a `-sandbox`/`-preprod` suffix
 * (`par-preprod.api-ingenico.com`, `api-eu-sandbox.globalcollect.com`).
 * Hosts outside them say nothing: the session response chooses the host, so a custom one is possible.
 */
const CONNECT_DOMAINS = [
  'api-ingenico.com',
  'connect.worldline-solutions.com',
  'globalcollect.com',
  'secured-by-ingenico.com',
  'poweredbyglobalcollect.com',
  'checkout.worldline-solutions.com',
];

/** Worldline Online Payments (Direct): `payment[.preprod].direct.worldline-solutions.com` and the `direct.ingenico.com` twins. */
const ONLINE_PAYMENTS_DOMAINS = ['direct.worldline-solutions.com', 'direct.ingenico.com'];

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

const under = (hostname: string, domains: readonly string[]) =>
  domains.find((d) => hostname === d || hostname.endsWith(`.${d}`));

export function guessEnvironment(url: string): Environment {
  const hostname = hostnameOf(url);
  if (hostname === null) return 'unknown';
  if (isLoopback(hostname)) return 'simulator';
  const domain = under(hostname, CONNECT_DOMAINS) ?? under(hostname, ONLINE_PAYMENTS_DOMAINS);
  if (domain === undefined) return 'unknown';
  const labels = hostname.slice(0, -domain.length).split('.');
  if (labels.some((l) => l === 'sandbox' || l.endsWith('-sandbox'))) return 'sandbox';
  if (labels.some((l) => l === 'preprod' || l.endsWith('-preprod'))) return 'pre-production';
  return 'production';
}

/**
 * Connect and Worldline Online Payments share the wire format and, on some SDKs, even the
 * identifier (`JavaScriptClientSDK/…`, `SwiftClientSDK/…`). Only Connect offers third-party status.
 */
export type Platform = 'connect' | 'online-payments';

/** The sign the platform was told by, for the panel to say; `none` when it could not be told. */
export type PlatformSign =
  | 'page-global'
  | 'client-api-v2'
  | 'online-payments-host'
  | 'sdk-creator'
  | 'sdk-name'
  | 'connect-host'
  | 'none';

export type PlatformGuess = { platform: Platform | 'unknown'; sign: PlatformSign };

const ONLINE_PAYMENTS_CREATOR = /online\s*payments/i;
/** `Ingenico` (v1–v4, Android ≤6), `Worldline Global Collect` (JS v5–v6, Android 7, iOS 7), `Wordline Connect` (sic, Swift 6–7). */
const CONNECT_CREATOR = /ingenico|global\s*collect|wor(?:l)?dline\s+connect/i;

export type PlatformEvidence = {
  global?: SdkSession['global'];
  sdk?: SdkIdentity;
  /** The session's Client API base (ending in `/client`). */
  clientApiUrl?: string;
  /** A call went under `/client/v2/`: only Online Payments has a v2 (services/dccrate). */
  calledV2?: boolean;
};

/**
 * The platform, by the strongest sign first: the page global the session was made with; then the
 * signs only Online Payments gives (a `/client/v2/` call, its hosts, its creator or name); then
 * Connect's creators and hosts. Online Payments v4 sends the merchant's appIdentifier, or nothing,
 * as creator, with `JavaScriptClientSDK/v4.x` like Connect v4: off Online Payments hosts it cannot
 * be told, and the answer is `unknown`.
 */
export function classifyPlatform(from: PlatformEvidence): PlatformGuess {
  if (from.global === 'connectsdk' || from.global === 'GCsdk') return { platform: 'connect', sign: 'page-global' };
  if (from.global === 'onlinepaymentssdk') return { platform: 'online-payments', sign: 'page-global' };
  if (from.calledV2) return { platform: 'online-payments', sign: 'client-api-v2' };
  const hostname = from.clientApiUrl === undefined ? null : hostnameOf(from.clientApiUrl);
  if (hostname !== null && under(hostname, ONLINE_PAYMENTS_DOMAINS)) return { platform: 'online-payments', sign: 'online-payments-host' };
  const sdk = from.sdk;
  if (sdk !== undefined) {
    if (ONLINE_PAYMENTS_CREATOR.test(sdk.creator ?? '')) return { platform: 'online-payments', sign: 'sdk-creator' };
    if (/^onlinepayments/i.test(sdk.name)) return { platform: 'online-payments', sign: 'sdk-name' };
    if (CONNECT_CREATOR.test(sdk.creator ?? '')) return { platform: 'connect', sign: 'sdk-creator' };
  }
  if (hostname !== null && under(hostname, CONNECT_DOMAINS)) return { platform: 'connect', sign: 'connect-host' };
  return { platform: 'unknown', sign: 'none' };
}

export function guessPlatform(from: PlatformEvidence): Platform | 'unknown' {
  return classifyPlatform(from).platform;
}

/**
 * Hosts of Worldline's hosted checkout (MyCheckout, formerly RPP): `payment.payN[.preprod|.sandbox]
 * .secured-by-ingenico.com` and `*.checkout.worldline-solutions.com`.
 */
export function isHostedCheckoutHost(url: string): boolean {
  const hostname = hostnameOf(url);
  if (hostname === null) return false;
  if (hostname.endsWith('.checkout.worldline-solutions.com')) return true;
  return /^payment\.pay\d+(?:\.(?:preprod|sandbox))?\.secured-by-ingenico\.com$/.test(hostname);
}

/**
 * A hosted checkout page: the JS SDK prefixes its identifier with `rpp-` when the page sets
 * `document.GC.rppEnabledPage`, as Worldline's hosted pages do; or the page is on one of their hosts.
 */
export function isHostedCheckout(from: { sdkIdentifiers?: readonly string[]; pageUrls?: readonly string[]; rppEnabledPage?: boolean }): boolean {
  return (
    from.rppEnabledPage === true ||
    (from.sdkIdentifiers ?? []).some((id) => id.trim().startsWith('rpp-')) ||
    (from.pageUrls ?? []).some(isHostedCheckoutHost)
  );
}
