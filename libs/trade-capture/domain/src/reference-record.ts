import {
  BOOKS,
  COUNTERPARTIES,
  INSTRUMENTS,
  type Book,
  type BondDayCount,
  type Counterparty,
  type Instrument,
  type InstrumentSettlementMarket,
  type InstrumentType,
  type IssuerType,
  type TradingMarket,
} from '@tradeflow/shared/reference';

// The records of the admin reference-data API and of the ref.*.upserted.v1 events. They copy the payload
// types of @tradeflow/shared/contracts field for field (domain code may not import contracts); the
// feature layer passes them as event payloads, so the compiler keeps the two in step.

export interface EquityInstrumentRecord {
  type: 'EQUITY';
  /** The ISIN. */
  instrumentId: string;
  isin: string;
  ticker?: string;
  name: string;
  currency: string;
  mic: string;
  ccp?: string;
  settlementMarket: InstrumentSettlementMarket;
  minIncrement: string;
}

export interface BondInstrumentRecord {
  type: 'BOND';
  /** The ISIN. */
  instrumentId: string;
  isin: string;
  name: string;
  currency: string;
  issuerType: IssuerType;
  /** Annual coupon in percent: '4.25' is 4.25 %. */
  couponRate: string;
  /** The event schema allows 4 and 12; the validator accepts only what the bond maths support (1, 2). */
  couponFrequency: 1 | 2 | 4 | 12;
  dayCount: BondDayCount;
  issueDate: string;
  maturityDate: string;
  datedDate?: string;
  minIncrement: string;
  settlementMarket: InstrumentSettlementMarket;
}

export interface FxSpotInstrumentRecord {
  type: 'FX_SPOT';
  /** The pair, `BASE/QUOTE`. */
  instrumentId: string;
  pair: string;
  baseCurrency: string;
  /** The quote currency: the one prices are in. */
  currency: string;
  name: string;
}

export type InstrumentRecord = EquityInstrumentRecord | BondInstrumentRecord | FxSpotInstrumentRecord;

export interface CounterpartyRecord {
  /** ISO 17442 LEI; the key. */
  lei: string;
  name: string;
  shortName?: string;
  /** ISO 3166 alpha-2 of the legal seat. */
  country: string;
  bic?: string;
  /** Unsettled exposure allowed, in USD. */
  creditLimitUsd: string;
  active: boolean;
}

export interface BookLimitsRecord {
  maxTradeNotionalUsd: string;
  positionLimit: string;
}

export interface BookRecord {
  /** The book code, e.g. `EQ-US-FLOW`; the key. */
  book: string;
  name: string;
  traders: string[];
  baseCurrency: string;
  instrumentTypes?: InstrumentType[];
  limits: BookLimitsRecord;
}

export const ALL_INSTRUMENT_TYPES: readonly InstrumentType[] = ['EQUITY', 'BOND', 'FX_SPOT'];
const ALL_MARKETS: readonly TradingMarket[] = ['US', 'EU', 'UK', 'FX'];

export function instrumentToReference(r: InstrumentRecord): Instrument {
  switch (r.type) {
    case 'EQUITY':
      return {
        type: 'EQUITY',
        instrumentId: r.instrumentId,
        isin: r.isin,
        // The ticker is for display only; without one on file the ISIN names the listing just as well.
        ticker: r.ticker ?? r.isin,
        name: r.name,
        currency: r.currency,
        mic: r.mic,
        ...(r.ccp !== undefined ? { ccp: r.ccp } : {}),
        settlementMarket: r.settlementMarket,
        minIncrement: r.minIncrement,
      };
    case 'BOND': {
      const frequency = r.couponFrequency;
      if (frequency !== 1 && frequency !== 2) {
        // The upsert validator refuses these, so only a record from elsewhere can carry one.
        throw new RangeError(`bond ${r.isin}: coupon frequency ${frequency} is not supported`);
      }
      return {
        type: 'BOND',
        instrumentId: r.instrumentId,
        isin: r.isin,
        name: r.name,
        currency: r.currency,
        issuerType: r.issuerType,
        couponRate: r.couponRate,
        couponFrequency: frequency,
        dayCount: r.dayCount,
        issueDate: r.issueDate,
        maturityDate: r.maturityDate,
        ...(r.datedDate !== undefined ? { datedDate: r.datedDate } : {}),
        minIncrement: r.minIncrement,
        settlementMarket: r.settlementMarket,
      };
    }
    case 'FX_SPOT':
      return {
        type: 'FX_SPOT',
        instrumentId: r.instrumentId,
        pair: r.pair,
        baseCurrency: r.baseCurrency,
        quoteCurrency: r.currency,
        name: r.name,
      };
  }
}

export function instrumentFromReference(i: Instrument): InstrumentRecord {
  switch (i.type) {
    case 'EQUITY':
      return {
        type: 'EQUITY',
        instrumentId: i.instrumentId,
        isin: i.isin,
        // A ticker equal to the ISIN is the fallback above, not a real ticker: leave it out.
        ...(i.ticker !== i.isin ? { ticker: i.ticker } : {}),
        name: i.name,
        currency: i.currency,
        mic: i.mic,
        ...(i.ccp !== undefined ? { ccp: i.ccp } : {}),
        settlementMarket: i.settlementMarket,
        minIncrement: i.minIncrement,
      };
    case 'BOND':
      return {
        type: 'BOND',
        instrumentId: i.instrumentId,
        isin: i.isin,
        name: i.name,
        currency: i.currency,
        issuerType: i.issuerType,
        couponRate: i.couponRate,
        couponFrequency: i.couponFrequency,
        dayCount: i.dayCount,
        issueDate: i.issueDate,
        maturityDate: i.maturityDate,
        ...(i.datedDate !== undefined ? { datedDate: i.datedDate } : {}),
        minIncrement: i.minIncrement,
        settlementMarket: i.settlementMarket,
      };
    case 'FX_SPOT':
      // An FX pair's optional settlementMarket has no place in the record: spot settles on both
      // currencies' calendars, whatever it says.
      return {
        type: 'FX_SPOT',
        instrumentId: i.instrumentId,
        pair: i.pair,
        baseCurrency: i.baseCurrency,
        currency: i.quoteCurrency,
        name: i.name,
      };
  }
}

export function counterpartyToReference(r: CounterpartyRecord): Counterparty {
  return {
    lei: r.lei,
    name: r.name,
    country: r.country,
    // No BIC on file stays empty: an invented one could route a settlement message to the wrong bank.
    bic: r.bic ?? '',
    shortName: r.shortName ?? r.name,
    creditLimitUsd: r.creditLimitUsd,
    // The record has no markets: the credit limit is what bounds exposure, so it may trade everywhere.
    markets: ALL_MARKETS,
  };
}

/** `active` is not part of the shared type: a shipped counterparty is active. */
export function counterpartyFromReference(c: Counterparty): CounterpartyRecord {
  return {
    lei: c.lei,
    name: c.name,
    shortName: c.shortName,
    country: c.country,
    ...(c.bic !== '' ? { bic: c.bic } : {}),
    creditLimitUsd: c.creditLimitUsd,
    active: true,
  };
}

export function bookToReference(r: BookRecord): Book {
  return {
    bookCode: r.book,
    name: r.name,
    baseCurrency: r.baseCurrency,
    instrumentTypes: r.instrumentTypes ? [...r.instrumentTypes] : ALL_INSTRUMENT_TYPES,
    traders: [...r.traders],
    limits: { maxTradeNotionalUsd: r.limits.maxTradeNotionalUsd, positionLimit: r.limits.positionLimit },
  };
}

export function bookFromReference(b: Book): BookRecord {
  return {
    book: b.bookCode,
    name: b.name,
    traders: [...b.traders],
    baseCurrency: b.baseCurrency,
    instrumentTypes: [...b.instrumentTypes],
    limits: { maxTradeNotionalUsd: b.limits.maxTradeNotionalUsd, positionLimit: b.limits.positionLimit },
  };
}

/** The shipped reference data as records: what the service loads at first start. */
export function shippedReferenceRecords(): {
  instruments: InstrumentRecord[];
  counterparties: CounterpartyRecord[];
  books: BookRecord[];
} {
  return {
    instruments: INSTRUMENTS.map(instrumentFromReference),
    counterparties: COUNTERPARTIES.map(counterpartyFromReference),
    books: BOOKS.map(bookFromReference),
  };
}
