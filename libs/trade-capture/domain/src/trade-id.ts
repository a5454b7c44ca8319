// Trade ids read like the desk talks about them: trade date plus a sequence, `T-20261120-000123`.
// The sequence comes from the database (unique across instances); this file only formats and parses.

const TRADE_ID = /^T-(\d{4})(\d{2})(\d{2})-(\d{6,})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_DIGITS = 6;

export interface ParsedTradeId {
  readonly tradeDate: string;
  readonly sequence: bigint;
}

/** `T-YYYYMMDD-NNNNNN`: at least 6 digits, zero-padded; longer sequences simply grow. */
export function formatTradeId(tradeDate: string, sequence: bigint): string {
  const date = DATE.exec(tradeDate);
  if (!date || !isRealDate(tradeDate)) {
    throw new RangeError(`trade date must be a real YYYY-MM-DD date, got '${tradeDate}'`);
  }
  if (sequence < 1n) throw new RangeError(`sequence must be ≥ 1, got ${sequence}`);
  return `T-${date[1]}${date[2]}${date[3]}-${sequence.toString().padStart(MIN_DIGITS, '0')}`;
}

/** The parts of a trade id, or `undefined` when it is not one (not found, not a crash, for the caller). */
export function parseTradeId(tradeId: string): ParsedTradeId | undefined {
  const m = TRADE_ID.exec(tradeId);
  if (!m) return undefined;
  const tradeDate = `${m[1]}-${m[2]}-${m[3]}`;
  const digits = m[4] ?? '';
  // Padding is canonical: `T-20261120-0000123` would be a second spelling of sequence 123.
  if (digits.length > MIN_DIGITS && digits.startsWith('0')) return undefined;
  const sequence = BigInt(digits);
  if (!isRealDate(tradeDate) || sequence < 1n) return undefined;
  return { tradeDate, sequence };
}

export function isRealDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Years 0001 to 9999, as PostgreSQL's date takes them (it has no year 0000).
  if (y < 1) return false;
  const t = new Date(new Date(0).setUTCFullYear(y, mo - 1, d)); // Date.UTC would read year 50 as 1950
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
