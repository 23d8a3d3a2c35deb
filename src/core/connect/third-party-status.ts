import { z } from '../zod.ts';

/** The four documented values, in the order a payment goes through them. */
export const THIRD_PARTY_STATUSES = ['WAITING', 'INITIALIZED', 'AUTHORIZED', 'COMPLETED'] as const;
export const thirdPartyStatusSchema = z.enum(THIRD_PARTY_STATUSES);
export type ThirdPartyStatus = z.infer<typeof thirdPartyStatusSchema>;

/**
 * The wire shape. The SDKs type the value as a plain string, so an unknown value is valid JSON
 * that must be shown as what it is rather than rejected as garbage.
 */
export const thirdPartyStatusResponseSchema = z.looseObject({ thirdPartyStatus: z.string() });
export type ThirdPartyStatusResponse = z.infer<typeof thirdPartyStatusResponseSchema>;

export function isKnownStatus(value: string): value is ThirdPartyStatus {
  return (THIRD_PARTY_STATUSES as readonly string[]).includes(value);
}

/** Position in the expected progression, or -1 for a value the platform does not document. */
export function statusRank(value: string): number {
  return (THIRD_PARTY_STATUSES as readonly string[]).indexOf(value);
}
