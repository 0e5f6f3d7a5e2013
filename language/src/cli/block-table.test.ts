import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { displayWidth, printTable } from './block-table.js';

const BLOCK_ROWS = 250;

describe('printTable', () => {
  it('prints exactly the table cli-table3 prints, for any number of rows', () => {
    const head = ['dòng', 'loại', 'giải thích', 'số tiền'];
    for (const count of [0, 1, BLOCK_ROWS, BLOCK_ROWS + 1, 3 * BLOCK_ROWS + 17]) {
      const rows = Array.from({ length: count }, (_, i) => [
        `L${i}`,
        i % 3 === 0 ? 'Doanh thu đã lập hóa đơn (bút toán đảo)' : 'Billed sales',
        `TimePartialCredit\nrules/correction-actuals.crules:${i}:3`,
        i % 5 === 0 ? '' : '-1600.00',
      ]);
      let printed = '';
      printTable((text) => (printed += text), head, rows);
      const whole = new Table({ head, style: { head: [], border: [] } });
      whole.push(...rows);
      expect(printed, `${count} rows`).toBe(`${whole.toString()}\n`);
    }
  });

  it('counts columns as a terminal shows them', () => {
    expect(displayWidth('Tính phí')).toBe(8);
    expect(displayWidth('Tính phí'.normalize('NFD'))).toBe(8);
    expect(displayWidth('814.107.140 ₫')).toBe(13);
    expect(displayWidth('請求')).toBe(4);
    expect(displayWidth('a😀b')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
  });
});
