import { BOOKS, TRADERS, type Book, type Trader } from './books.data';
import { CCPS, COUNTERPARTIES, FIRM, type Ccp, type Counterparty } from './counterparties.data';
import type { Instrument } from './instrument.types';
import { INSTRUMENTS } from './instruments.data';
import { FX_RATES, REFERENCE_PRICES, REFERENCE_PRICES_AS_OF } from './prices.data';
import { settlementDepository, SSIS, type Ssi } from './ssi.data';

/** The shipped reference data set, loaded at start by the services that own each part. */
export const REFERENCE_DATA = {
  firm: FIRM,
  instruments: INSTRUMENTS,
  counterparties: COUNTERPARTIES as readonly Counterparty[],
  ccps: CCPS as readonly Ccp[],
  books: BOOKS as readonly Book[],
  traders: TRADERS as readonly Trader[],
  ssis: SSIS,
  prices: { asOf: REFERENCE_PRICES_AS_OF, instruments: REFERENCE_PRICES, fxRates: FX_RATES },
} as const;

const indexBy = <T, K>(items: readonly T[], key: (item: T) => K): ReadonlyMap<K, T> =>
  new Map(items.map((item) => [key(item), item]));

const INSTRUMENTS_BY_ID = indexBy(REFERENCE_DATA.instruments, (i) => i.instrumentId);
const COUNTERPARTIES_BY_LEI = indexBy(REFERENCE_DATA.counterparties, (c) => c.lei);
const BOOKS_BY_CODE = indexBy(REFERENCE_DATA.books, (b) => b.bookCode);
const CCPS_BY_CODE = indexBy(REFERENCE_DATA.ccps, (c) => c.code);
const TRADERS_BY_ID = indexBy(REFERENCE_DATA.traders, (t) => t.traderId);

/** An instrument by its id: the ISIN for securities, the pair ('EUR/USD') for FX spot. */
export function instrumentById(instrumentId: string): Instrument | undefined {
  return INSTRUMENTS_BY_ID.get(instrumentId);
}

export function counterpartyByLei(lei: string): Counterparty | undefined {
  return COUNTERPARTIES_BY_LEI.get(lei);
}

export function bookByCode(bookCode: string): Book | undefined {
  return BOOKS_BY_CODE.get(bookCode);
}

export function ccpByCode(code: string): Ccp | undefined {
  return CCPS_BY_CODE.get(code);
}

export function traderById(traderId: string): Trader | undefined {
  return TRADERS_BY_ID.get(traderId);
}

/** Reference price of an instrument: price for securities, rate for FX pairs. */
export function referencePrice(instrumentId: string): string | undefined {
  return REFERENCE_PRICES[instrumentId] ?? FX_RATES[instrumentId];
}

/**
 * The owner's SSI for a leg: the depository the instrument settles in and the leg's currency (for FX,
 * each cash leg's currency). `undefined` when missing: an exception for operations, not a crash.
 */
export function ssiFor(ownerId: string, instrument: Instrument, currency: string): Ssi | undefined {
  const depository = settlementDepository(instrument);
  return REFERENCE_DATA.ssis.find(
    (s) => s.ownerId === ownerId && s.depository === depository && s.currency === currency,
  );
}
