import { describe, expect, it } from 'vitest';
import { noThirdPartyStatusReason } from '../../../../src/core/connect/products.ts';

describe('noThirdPartyStatusReason', () => {
  it.each([3012, 863])('has nothing against %i', (id) => {
    expect(noThirdPartyStatusReason(id)).toBeUndefined();
  });
  it.each([1, 302, 809, 3013])('names the products that have one, for %i', (id) => {
    expect(noThirdPartyStatusReason(id)).toBe(
      `Product ${id} has no third-party status: only Bancontact (3012) and WeChat Pay (863) do.`,
    );
  });
});
