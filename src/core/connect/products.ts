/** The only payment products for which the platform offers a third-party status. */
export const THIRD_PARTY_PRODUCTS = {
  3012: 'Bancontact',
  863: 'WeChat Pay',
} as const satisfies Record<number, string>;

export type ThirdPartyProductId = keyof typeof THIRD_PARTY_PRODUCTS;

export function hasThirdPartyStatus(productId: number): productId is ThirdPartyProductId {
  return Object.hasOwn(THIRD_PARTY_PRODUCTS, productId);
}

export function productName(productId: number): string {
  return hasThirdPartyStatus(productId) ? THIRD_PARTY_PRODUCTS[productId] : `product ${productId}`;
}

/** Client sessions live at most two hours (Server API, Create Session). */
export const SESSION_LIFETIME_MS = 2 * 60 * 60 * 1000;

/** "Bancontact (3012) and WeChat Pay (863)", from the table above so it never falls behind it. */
const THIRD_PARTY_PRODUCT_LIST = Object.entries(THIRD_PARTY_PRODUCTS)
  .sort(([a], [b]) => Number(b) - Number(a))
  .map(([id, name]) => `${name} (${id})`)
  .join(' and ');

/** Why a product cannot be polled, or undefined when it can. */
export function noThirdPartyStatusReason(productId: number): string | undefined {
  return hasThirdPartyStatus(productId)
    ? undefined
    : `Product ${productId} has no third-party status: only ${THIRD_PARTY_PRODUCT_LIST} do.`;
}
