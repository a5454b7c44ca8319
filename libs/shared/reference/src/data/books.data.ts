import type { InstrumentType } from './instrument.types';

export interface BookLimits {
  /** MAX_TRADE_NOTIONAL: one trade's notional in USD. */
  readonly maxTradeNotionalUsd: string;
  /**
   * BOOK_POSITION_LIMIT: absolute position per instrument after a trade, in the instrument's quantity
   * unit (shares, bond nominal, FX base currency amount).
   */
  readonly positionLimit: string;
}

export interface Book {
  readonly bookCode: string;
  readonly name: string;
  readonly baseCurrency: string;
  readonly instrumentTypes: readonly InstrumentType[];
  /** Trader ids allowed to trade the book (the `books` claim of their token lists it). */
  readonly traders: readonly string[];
  readonly limits: BookLimits;
}

export interface Trader {
  readonly traderId: string;
  readonly name: string;
  /** TRADER_DAILY_NOTIONAL: gross notional per day, in USD. */
  readonly dailyNotionalLimitUsd: string;
}

export const TRADERS = [
  { traderId: 'alice', name: 'Alice Martin', dailyNotionalLimitUsd: '250000000' },
  { traderId: 'bob', name: 'Bob Schneider', dailyNotionalLimitUsd: '200000000' },
  { traderId: 'carol', name: 'Carol Dubois', dailyNotionalLimitUsd: '1000000000' },
  { traderId: 'dave', name: 'Dave Okafor', dailyNotionalLimitUsd: '2000000000' },
  { traderId: 'erin', name: 'Erin Walsh', dailyNotionalLimitUsd: '150000000' },
] as const satisfies readonly Trader[];

export const BOOKS = [
  {
    bookCode: 'EQ-US-FLOW',
    name: 'US equities flow',
    baseCurrency: 'USD',
    instrumentTypes: ['EQUITY'],
    traders: ['alice', 'erin'],
    limits: { maxTradeNotionalUsd: '25000000', positionLimit: '500000' },
  },
  {
    bookCode: 'EQ-EU-FLOW',
    name: 'Continental European equities flow',
    baseCurrency: 'EUR',
    instrumentTypes: ['EQUITY'],
    traders: ['alice', 'bob'],
    limits: { maxTradeNotionalUsd: '20000000', positionLimit: '400000' },
  },
  {
    bookCode: 'EQ-UK-FLOW',
    name: 'UK equities flow',
    baseCurrency: 'GBP',
    instrumentTypes: ['EQUITY'],
    traders: ['bob'],
    limits: { maxTradeNotionalUsd: '15000000', positionLimit: '2000000' },
  },
  {
    bookCode: 'RATES-US',
    name: 'US Treasuries and USD credit',
    baseCurrency: 'USD',
    instrumentTypes: ['BOND'],
    traders: ['carol'],
    limits: { maxTradeNotionalUsd: '100000000', positionLimit: '250000000' },
  },
  {
    bookCode: 'RATES-EU',
    name: 'European government bonds (Bunds, Gilts)',
    baseCurrency: 'EUR',
    instrumentTypes: ['BOND'],
    traders: ['carol'],
    limits: { maxTradeNotionalUsd: '75000000', positionLimit: '200000000' },
  },
  {
    bookCode: 'FX-SPOT',
    name: 'G10 FX spot',
    baseCurrency: 'USD',
    instrumentTypes: ['FX_SPOT'],
    traders: ['dave', 'erin'],
    limits: { maxTradeNotionalUsd: '200000000', positionLimit: '1000000000' },
  },
] as const satisfies readonly Book[];
