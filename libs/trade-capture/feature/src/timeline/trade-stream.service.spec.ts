import { isAfter, parsePositionId, positionId } from './trade-stream.service';

describe('stream positions', () => {
  it('reads back the ids it writes, and refuses what it never sends', () => {
    expect(parsePositionId('5123-42')).toEqual({ tx: '5123', seq: '42' });
    expect(positionId({ tx: '5123', seq: '42' })).toBe('5123-42');
    expect(parsePositionId('0005123-042')).toEqual({ tx: '5123', seq: '42' });
    // The largest xid8 and bigint are ids; one past either is not (PostgreSQL would refuse it).
    expect(parsePositionId('18446744073709551615-9223372036854775807')).toEqual({
      tx: '18446744073709551615',
      seq: '9223372036854775807',
    });
    for (const id of [
      '18446744073709551616-1',
      '1-9223372036854775808',
      '42',
      '-42',
      '1-2-3',
      '1.5-2',
      ' 1-2',
      '',
    ]) {
      expect(parsePositionId(id)).toBeUndefined();
    }
  });

  it('orders by transaction, then seq, as numbers', () => {
    expect(isAfter({ tx: '10', seq: '1' }, { tx: '9', seq: '500' })).toBe(true);
    expect(isAfter({ tx: '9', seq: '500' }, { tx: '10', seq: '1' })).toBe(false);
    expect(isAfter({ tx: '10', seq: '12' }, { tx: '10', seq: '9' })).toBe(true);
    expect(isAfter({ tx: '10', seq: '9' }, { tx: '10', seq: '9' })).toBe(false);
  });
});
