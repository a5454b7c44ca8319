// Helpers and sample bodies for the reference-data upsert specs. Expected values are written by hand.
import type { FailureKind } from '@tradeflow/shared/failure';
import { type UpsertValidation } from './reference-upsert';

/** The failure's kind and the fields named, in order, e.g. ['rule-broken', ['isin']]. */
export function rejection<T>(result: UpsertValidation<T>): [FailureKind, string[]] {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.record)}`);
  return [result.failure.kind, result.failure.errors.map((e) => e.field)];
}

export function messages<T>(result: UpsertValidation<T>): string[] {
  return result.ok ? [] : result.failure.errors.map((e) => e.message);
}

/** A copy of an object without some fields. */
export function without(value: object, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

export const apple = {
  type: 'EQUITY',
  instrumentId: 'US0378331005',
  isin: 'US0378331005',
  ticker: 'AAPL',
  name: 'Apple Inc.',
  currency: 'USD',
  mic: 'XNAS',
  ccp: 'NSCC',
  settlementMarket: 'US',
  minIncrement: '1',
};

// UST 3.5% 15 Feb 2033 (CUSIP 91282CGM7), not in the shipped set.
export const ust2033 = {
  type: 'BOND',
  instrumentId: 'US91282CGM73',
  isin: 'US91282CGM73',
  name: 'United States Treasury Note 3.5% 15 Feb 2033',
  currency: 'USD',
  issuerType: 'GOVERNMENT',
  couponRate: '3.5',
  couponFrequency: 2,
  dayCount: 'ACT/ACT-ICMA',
  issueDate: '2023-02-15',
  maturityDate: '2033-02-15',
  minIncrement: '100',
  settlementMarket: 'US',
};

export const eurUsd = {
  type: 'FX_SPOT',
  instrumentId: 'EUR/USD',
  pair: 'EUR/USD',
  baseCurrency: 'EUR',
  currency: 'USD',
  name: 'Euro / US Dollar',
};
