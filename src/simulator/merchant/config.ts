import { DEFAULT_CREDENTIALS } from '../defaults.ts';

/** Where the merchant's server talks to Connect, and as whom. */
export type MerchantConnectConfig = {
  host: string;
  scheme: 'http' | 'https';
  port: number;
  merchantId: string;
  apiKeyId: string;
  secretApiKey: string;
  integrator: string;
};

/**
 * The environment decides, as on a real merchant's server; unset variables fall back to the
 * simulator and its default credentials, so the demo runs with no configuration at all.
 */
export function merchantConnectConfig(env: Record<string, string | undefined>, simulatorUrl: string): MerchantConnectConfig {
  const endpoint = new URL(env['CONNECT_API_ENDPOINT'] || simulatorUrl);
  const scheme = endpoint.protocol === 'https:' ? 'https' : 'http';
  return {
    host: endpoint.hostname.replace(/^\[|\]$/g, ''),
    scheme,
    port: endpoint.port ? Number(endpoint.port) : scheme === 'https' ? 443 : 80,
    merchantId: env['CONNECT_MERCHANT_ID'] || DEFAULT_CREDENTIALS.merchantId,
    apiKeyId: env['CONNECT_API_KEY_ID'] || DEFAULT_CREDENTIALS.apiKeyId,
    secretApiKey: env['CONNECT_SECRET_API_KEY'] || DEFAULT_CREDENTIALS.secretApiKey,
    integrator: env['CONNECT_INTEGRATOR'] || 'Connect DevTools demo checkout',
  };
}
