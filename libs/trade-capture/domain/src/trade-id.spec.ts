import { formatTradeId, isRealDate, parseTradeId } from './trade-id';

describe('trade ids', () => {
  it('formats the trade date and a zero-padded sequence of at least 6 digits', () => {
    expect(formatTradeId('2026-11-20', 123n)).toBe('T-20261120-000123');
    expect(formatTradeId('2026-11-20', 1n)).toBe('T-20261120-000001');
    expect(formatTradeId('2026-11-20', 1234567n)).toBe('T-20261120-1234567');
  });

  it('refuses a sequence below 1 and a date that does not exist', () => {
    expect(() => formatTradeId('2026-11-20', 0n)).toThrow(RangeError);
    expect(() => formatTradeId('2026-02-30', 1n)).toThrow(RangeError);
    expect(() => formatTradeId('20261120', 1n)).toThrow(RangeError);
  });

  it('parses what it formats', () => {
    expect(parseTradeId('T-20261120-000123')).toEqual({ tradeDate: '2026-11-20', sequence: 123n });
    expect(parseTradeId('T-20261120-1234567')).toEqual({ tradeDate: '2026-11-20', sequence: 1234567n });
  });

  it.each([
    '',
    'T-20261120-12345', // too few digits
    'T-20261120-0000123', // a second spelling of 123
    'T-20261120-000000', // sequence 0
    'T-20260230-000001', // no such date
    't-20261120-000123',
    'T-20261120-000123 ',
    '../T-20261120-000123',
  ])('answers undefined for %j', (id) => {
    expect(parseTradeId(id)).toBeUndefined();
  });

  it('knows real dates of the years 1 to 99 as well as recent ones', () => {
    expect(['0050-03-01', '0048-02-29', '2024-02-29', '9999-12-31'].map(isRealDate)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['0050-02-29', '2023-02-29', '2026-04-31', '0000-01-01'].map(isRealDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
