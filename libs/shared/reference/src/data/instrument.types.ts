// Instrument shapes of the reference data, as read and as created through the reference-data API.
// Decimals are strings, dates 'YYYY-MM-DD'.

export type InstrumentType = 'EQUITY' | 'BOND' | 'FX_SPOT';

/** Which calendar and settlement cycle apply to a security. */
export type InstrumentSettlementMarket = 'US' | 'EU' | 'UK';

export type IssuerType = 'GOVERNMENT' | 'CORPORATE';

/** Same literals as the bond maths of `@tradeflow/shared/trading`. */
export type BondDayCount = 'ACT/ACT-ICMA' | '30/360';

export type BondCouponFrequency = 1 | 2;

export interface EquityInstrument {
  readonly type: 'EQUITY';
  /** The ISIN. */
  readonly instrumentId: string;
  readonly isin: string;
  /** Exchange ticker of the listing, for display. */
  readonly ticker: string;
  readonly name: string;
  /** Trading currency of the listing. */
  readonly currency: string;
  /** MIC of the listing. */
  readonly mic: string;
  /** CCP code when CCP-eligible; absent means the equity settles bilaterally. */
  readonly ccp?: string;
  readonly settlementMarket: InstrumentSettlementMarket;
  /** Smallest tradable quantity step, in shares. */
  readonly minIncrement: string;
}

export interface BondInstrument {
  readonly type: 'BOND';
  /** The ISIN. */
  readonly instrumentId: string;
  readonly isin: string;
  readonly name: string;
  readonly currency: string;
  readonly issuerType: IssuerType;
  /** Annual coupon rate in percent ('4.25' is 4.25 %). */
  readonly couponRate: string;
  readonly couponFrequency: BondCouponFrequency;
  readonly dayCount: BondDayCount;
  readonly issueDate: string;
  readonly maturityDate: string;
  /** Accrual start when it differs from the issue date. */
  readonly datedDate?: string;
  /** Nominal step a trade's quantity must be a multiple of. */
  readonly minIncrement: string;
  readonly settlementMarket: InstrumentSettlementMarket;
}

export interface FxSpotInstrument {
  readonly type: 'FX_SPOT';
  /** The pair, 'BASE/QUOTE'. */
  readonly instrumentId: string;
  readonly pair: string;
  readonly baseCurrency: string;
  readonly quoteCurrency: string;
  readonly name: string;
  readonly settlementMarket?: InstrumentSettlementMarket;
}

export type Instrument = EquityInstrument | BondInstrument | FxSpotInstrument;
