import { describe, expect, it } from 'vitest';
import { findSessionIds, redactDeep, redactText } from '../../../../src/core/timeline/redact-session-id.ts';

const ID = 'ccf8ee1015944ab09e053411e683b43f';

describe('redactText', () => {
  it('masks a GCS v1Client value, known or not', () => {
    expect(redactText(`GCS v1Client:${ID}`, [])).toBe('GCS v1Client:ccf8…b43f');
    expect(redactText(`{"auth":"gcs  V1CLIENT : ${ID}"}`, [])).toBe('{"auth":"gcs  V1CLIENT : ccf8…b43f"}');
  });

  it('masks a known id anywhere, in any case, and leaves other text alone', () => {
    expect(redactText(`url?s=${ID}&t=${ID.toUpperCase()}`, [ID])).toBe('url?s=ccf8…b43f&t=ccf8…b43f');
    expect(redactText('WAITING 12345', ['12345'])).toBe('WAITING 12345');
  });

  it('is idempotent', () => {
    const once = redactText(`GCS v1Client:${ID} ${ID}`, [ID]);
    expect(redactText(once, [ID])).toBe(once);
    expect(findSessionIds(once)).toEqual([]);
  });
});

describe('redactDeep', () => {
  it('redacts every string and key, and copies', () => {
    const value = { headers: { Authorization: `GCS v1Client:${ID}` }, list: [ID, 3, null], [ID]: true };
    const redacted = redactDeep(value, [ID]);
    expect(JSON.stringify(redacted)).not.toContain(ID);
    expect(redacted.list).toEqual(['ccf8…b43f', 3, null]);
    expect(value.headers.Authorization).toContain(ID);
  });
});
