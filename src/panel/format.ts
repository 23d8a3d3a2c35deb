/** Display helpers for the panel: short, plain, and never throwing on odd input. */

// One formatter each, made once: `toLocaleTimeString` with options builds a new one per call, which
// made every render of a panel with many sessions and calls slow enough to freeze it under load.
const CLOCK = new Intl.DateTimeFormat([], { hour12: false, hour: 'numeric', minute: 'numeric', second: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat([], { hour12: false, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });

export function formatClock(at: number): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? '—' : CLOCK.format(d);
}

/** Date and time, for what was recorded on another day (an imported file). */
export function formatDateTime(at: number): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? '—' : DATE_TIME.format(d);
}

/** `1 h 52 min`, `3 min 05 s`, `12 s`, `850 ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export const ENVIRONMENT_LABEL: Record<string, string> = {
  sandbox: 'Sandbox',
  'pre-production': 'Pre-production',
  production: 'Production',
  simulator: 'Simulator',
  unknown: 'Unknown environment',
};

export const PLATFORM_LABEL: Record<string, string> = {
  connect: 'Connect',
  'online-payments': 'Online Payments',
  unknown: 'Platform not identified',
};

/** What told the platform, for the badge's tooltip. */
export const PLATFORM_SIGN_LABEL: Record<string, string> = {
  'page-global': 'the SDK global the page used',
  'client-api-v2': 'a call under /client/v2/ (only Online Payments has one)',
  'online-payments-host': 'an Online Payments Client API host',
  'sdk-creator': 'the sdkCreator in X-GCS-ClientMetaInfo',
  'sdk-name': 'the SDK name in X-GCS-ClientMetaInfo',
  'connect-host': 'a Connect Client API host',
  none: 'nothing names it',
};

/** The globals the page hook knows, as the panel names them. */
export const SDK_GLOBAL_LABEL: Record<string, string> = {
  connectsdk: 'connectsdk global (Connect SDK v3–v6)',
  GCsdk: 'GCsdk global (Connect SDK v1–v2)',
  onlinepaymentssdk: 'onlinepaymentssdk global (Online Payments SDK)',
};
