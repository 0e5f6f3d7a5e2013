/**
 * The project's copies of real portal JSON hold what the portal sends: plain numbers written as float
 * literals (`289466.0`), never the `{ "source": "1.0", "parsedValue": 1 }` objects a lossless-JSON
 * capture once left in them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const COPIES = [
  new URL('../../store/fixtures/purchase-list-83.json', import.meta.url),
  new URL('../../portal/fixtures/list-page.json', import.meta.url),
];

function wrappers(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => wrappers(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  if ('parsedValue' in value || 'source' in value) return [path];
  return Object.entries(value).flatMap(([key, item]) => wrappers(item, `${path}.${key}`));
}

describe('real-sample fixtures', () => {
  for (const url of COPIES) {
    const name = url.pathname.split('/').slice(-3).join('/');
    it(`${name} holds plain numbers as float literals`, () => {
      const text = readFileSync(url, 'utf8');
      expect(wrappers(JSON.parse(text))).toEqual([]);
      expect(text).toMatch(/"tgtcthue": ?-?\d+\.\d+/);
    });
  }

  it('purchase-list-83.json keeps the 83 rows, their foreign-currency rates and VNĐ', () => {
    const rows = JSON.parse(readFileSync(COPIES[0]!, 'utf8')) as Record<string, unknown>[];
    expect(rows).toHaveLength(83);
    expect(rows.filter((r) => r.dvtte === 'USD').map((r) => r.tgia)).toEqual([26110, 26140, 26330, 26333]);
    expect(rows.filter((r) => r.dvtte === 'VNĐ')).toHaveLength(4);
    const text = readFileSync(COPIES[0]!, 'utf8');
    expect(text).toContain('"tgtcthue": 289466.0');
    expect(text).toContain('"tgia": 26110.0');
  });
});
