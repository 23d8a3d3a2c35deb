/**
 * The third-party status values and their order, without zod: the timeline, which the panel shows
 * from its start, needs them. Their schemas are in third-party-status-schema.ts.
 */

/** The four documented values, in the order a payment goes through them. */
export const THIRD_PARTY_STATUSES = ['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED'] as const;
export type ThirdPartyStatus = (typeof THIRD_PARTY_STATUSES)[number];
export type { ThirdPartyStatusResponse } from './third-party-status-schema.ts';

export function isKnownStatus(value: string): value is ThirdPartyStatus {
  return (THIRD_PARTY_STATUSES as readonly string[]).includes(value);
}

/** Position in the expected progression, or -1 for a value the platform does not document. */
export function statusRank(value: string): number {
  return (THIRD_PARTY_STATUSES as readonly string[]).indexOf(value);
}
