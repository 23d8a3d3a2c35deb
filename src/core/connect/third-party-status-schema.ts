import { z } from '../zod.ts';
import { THIRD_PARTY_STATUSES } from './third-party-status.ts';

export const thirdPartyStatusSchema = z.enum(THIRD_PARTY_STATUSES);

/**
 * The wire shape. The SDKs type the value as a plain string, so an unknown value is valid JSON
 * that must be shown as what it is rather than rejected as garbage.
 */
export const thirdPartyStatusResponseSchema = z.looseObject({ thirdPartyStatus: z.string() });
export type ThirdPartyStatusResponse = z.infer<typeof thirdPartyStatusResponseSchema>;
