import { validateBookUpsert } from './book-upsert';
import { validateCounterpartyUpsert } from './counterparty-upsert';
import { validateInstrumentUpsert } from './instrument-upsert';
import {
  bookFromReference,
  bookToReference,
  counterpartyFromReference,
  counterpartyToReference,
  instrumentFromReference,
  instrumentToReference,
  shippedReferenceRecords,
  type BondInstrumentRecord,
} from './reference-record';
import { BOOKS, COUNTERPARTIES, INSTRUMENTS } from '@tradeflow/shared/reference';

describe('shippedReferenceRecords', () => {
  const shipped = shippedReferenceRecords();

  it('holds the shipped set: 40 equities, 6 bonds and 6 FX pairs, 10 counterparties, 6 books', () => {
    expect(shipped.instruments).toHaveLength(52);
    expect(shipped.counterparties).toHaveLength(10);
    expect(shipped.books).toHaveLength(6);
  });

  it('maps Apple, EUR/USD, Deutsche Bank and EQ-US-FLOW field for field', () => {
    expect(shipped.instruments.find((i) => i.instrumentId === 'US0378331005')).toEqual({
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
    });
    expect(shipped.instruments.find((i) => i.instrumentId === 'EUR/USD')).toEqual({
      type: 'FX_SPOT',
      instrumentId: 'EUR/USD',
      pair: 'EUR/USD',
      baseCurrency: 'EUR',
      currency: 'USD',
      name: 'Euro / US Dollar',
    });
    expect(shipped.counterparties.find((c) => c.lei === '7LTWFZYICNSX8D621K86')).toEqual({
      lei: '7LTWFZYICNSX8D621K86',
      name: 'Deutsche Bank AG',
      shortName: 'DB',
      country: 'DE',
      bic: 'DEUTDEFF',
      creditLimitUsd: '400000000',
      active: true,
    });
    expect(shipped.books.find((b) => b.book === 'EQ-US-FLOW')).toEqual({
      book: 'EQ-US-FLOW',
      name: 'US equities flow',
      traders: ['alice', 'erin'],
      baseCurrency: 'USD',
      instrumentTypes: ['EQUITY'],
      limits: { maxTradeNotionalUsd: '25000000', positionLimit: '500000' },
    });
  });

  it('every shipped record validates on create, and on update with its own key', () => {
    for (const r of shipped.instruments) {
      expect(validateInstrumentUpsert(r, { mode: 'create' })).toEqual({ ok: true, record: r });
      const update = { mode: 'update', key: r.instrumentId, existing: r } as const;
      expect(validateInstrumentUpsert(r, update)).toEqual({ ok: true, record: r });
    }
    for (const r of shipped.counterparties) {
      expect(validateCounterpartyUpsert(r, { mode: 'create' })).toEqual({ ok: true, record: r });
    }
    for (const r of shipped.books) {
      expect(validateBookUpsert(r, { mode: 'create' })).toEqual({ ok: true, record: r });
    }
  });

  it('every shipped instrument and book round-trips through the record', () => {
    INSTRUMENTS.forEach((i) => expect(instrumentToReference(instrumentFromReference(i))).toEqual(i));
    BOOKS.forEach((b) => expect(bookToReference(bookFromReference(b))).toEqual(b));
  });

  it('every shipped counterparty round-trips, except the markets the record does not carry', () => {
    for (const c of COUNTERPARTIES) {
      expect(counterpartyToReference(counterpartyFromReference(c))).toEqual({
        ...c,
        markets: ['US', 'EU', 'UK', 'FX'],
      });
    }
  });
});

describe('record ↔ shared reference types', () => {
  it('FX: the record currency is the quote currency', () => {
    const record = {
      type: 'FX_SPOT',
      instrumentId: 'AUD/NZD',
      pair: 'AUD/NZD',
      baseCurrency: 'AUD',
      currency: 'NZD',
      name: 'Aussie / Kiwi',
    } as const;
    expect(instrumentToReference(record)).toEqual({
      type: 'FX_SPOT',
      instrumentId: 'AUD/NZD',
      pair: 'AUD/NZD',
      baseCurrency: 'AUD',
      quoteCurrency: 'NZD',
      name: 'Aussie / Kiwi',
    });
  });

  it('an equity without a ticker shows its ISIN, and the fallback is not written back', () => {
    const record = {
      type: 'EQUITY',
      instrumentId: 'DE0007164600',
      isin: 'DE0007164600',
      name: 'SAP SE',
      currency: 'EUR',
      mic: 'XETR',
      settlementMarket: 'EU',
      minIncrement: '1',
    } as const;
    expect(instrumentToReference(record)).toEqual({ ...record, ticker: 'DE0007164600' });
    expect(instrumentFromReference(instrumentToReference(record))).toEqual(record);
  });

  it('refuses to map a bond paying 4 coupons a year: the shared type and the bond maths allow 1 or 2', () => {
    const quarterly: BondInstrumentRecord = {
      type: 'BOND',
      instrumentId: 'US91282CGM73',
      isin: 'US91282CGM73',
      name: 'Quarterly note',
      currency: 'USD',
      issuerType: 'CORPORATE',
      couponRate: '5',
      couponFrequency: 4,
      dayCount: '30/360',
      issueDate: '2023-02-15',
      maturityDate: '2033-02-15',
      minIncrement: '1000',
      settlementMarket: 'US',
    };
    expect(() => instrumentToReference(quarterly)).toThrow(RangeError);
    expect(
      instrumentToReference({ ...quarterly, couponFrequency: 2, datedDate: '2023-02-14' }),
    ).toMatchObject({
      couponFrequency: 2,
      datedDate: '2023-02-14',
    });
  });

  it('a counterparty without shortName and BIC falls back to its name and no BIC', () => {
    const record = {
      lei: 'HWUPKR0MPOU8FGXBT394',
      name: 'Apple Inc.',
      country: 'US',
      creditLimitUsd: '1000000',
      active: false,
    };
    expect(counterpartyToReference(record)).toEqual({
      lei: 'HWUPKR0MPOU8FGXBT394',
      name: 'Apple Inc.',
      shortName: 'Apple Inc.',
      country: 'US',
      bic: '',
      creditLimitUsd: '1000000',
      markets: ['US', 'EU', 'UK', 'FX'],
    });
    expect(counterpartyFromReference(counterpartyToReference(record))).toEqual({
      lei: 'HWUPKR0MPOU8FGXBT394',
      name: 'Apple Inc.',
      shortName: 'Apple Inc.',
      country: 'US',
      creditLimitUsd: '1000000',
      active: true,
    });
  });

  it('a book without instrumentTypes trades all three; book is bookCode', () => {
    const record = {
      book: 'MULTI',
      name: 'Multi-asset',
      traders: ['alice'],
      baseCurrency: 'USD',
      limits: { maxTradeNotionalUsd: '1000000', positionLimit: '1000' },
    };
    expect(bookToReference(record)).toEqual({
      bookCode: 'MULTI',
      name: 'Multi-asset',
      baseCurrency: 'USD',
      instrumentTypes: ['EQUITY', 'BOND', 'FX_SPOT'],
      traders: ['alice'],
      limits: { maxTradeNotionalUsd: '1000000', positionLimit: '1000' },
    });
  });
});
