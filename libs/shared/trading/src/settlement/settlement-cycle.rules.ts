import { type CalendarCode } from '@tradeflow/shared/reference';
import { type IssuerType, type SecuritiesSettlementMarket } from './settlement-instrument';

/** One period of a cycle: from `from` (a trade date, inclusive; null = since ever) settle T+businessDays. */
export interface CycleStep {
  readonly from: string | null;
  readonly businessDays: number;
}

export interface SecuritiesCycleRule {
  readonly market: SecuritiesSettlementMarket;
  readonly type: 'EQUITY' | 'BOND';
  /** Bonds only; undefined for equities. */
  readonly issuerType?: IssuerType;
  /** Steps in ascending `from` order; the last step whose `from` is on or before the trade date applies. */
  readonly cycles: readonly CycleStep[];
  readonly source: string;
}

// The trade date, not the settlement date, decides which cycle applies: a trade of Fri 2024-05-24
// still settled T+2 although T+1 had started by its settlement date.
const US_T1_SWITCH = '2024-05-28';
// EU (CSDR amendment) and UK (Accelerated Settlement Taskforce) move together on Mon 2027-10-11.
const EU_UK_T1_SWITCH = '2027-10-11';

const T2_THEN_T1 = (switchDate: string): readonly CycleStep[] => [
  { from: null, businessDays: 2 },
  { from: switchDate, businessDays: 1 },
];

export const SECURITIES_CYCLE_RULES: readonly SecuritiesCycleRule[] = [
  { market: 'US', type: 'EQUITY', cycles: T2_THEN_T1(US_T1_SWITCH), source: 'SEC Rule 15c6-1 (T+1)' },
  {
    market: 'US',
    type: 'BOND',
    issuerType: 'CORPORATE',
    cycles: T2_THEN_T1(US_T1_SWITCH),
    source: 'SEC Rule 15c6-1 (T+1)',
  },
  {
    market: 'US',
    type: 'BOND',
    issuerType: 'GOVERNMENT',
    cycles: [{ from: null, businessDays: 1 }],
    source: 'US Treasury market convention (T+1)',
  },
  { market: 'EU', type: 'EQUITY', cycles: T2_THEN_T1(EU_UK_T1_SWITCH), source: 'CSDR Art. 5 as amended' },
  // Bunds/OATs settle T+2 today; the EU move to T+1 covers all transferable securities, bonds included.
  {
    market: 'EU',
    type: 'BOND',
    issuerType: 'GOVERNMENT',
    cycles: T2_THEN_T1(EU_UK_T1_SWITCH),
    source: 'CSDR Art. 5 as amended',
  },
  {
    market: 'EU',
    type: 'BOND',
    issuerType: 'CORPORATE',
    cycles: T2_THEN_T1(EU_UK_T1_SWITCH),
    source: 'CSDR Art. 5 as amended',
  },
  { market: 'UK', type: 'EQUITY', cycles: T2_THEN_T1(EU_UK_T1_SWITCH), source: 'UK T+1 (Oct 2027)' },
  // Gilts already settle T+1 by market convention (UK DMO), so the 2027 switch changes nothing for them.
  {
    market: 'UK',
    type: 'BOND',
    issuerType: 'GOVERNMENT',
    cycles: [{ from: null, businessDays: 1 }],
    source: 'UK DMO gilt convention (T+1)',
  },
  {
    market: 'UK',
    type: 'BOND',
    issuerType: 'CORPORATE',
    cycles: T2_THEN_T1(EU_UK_T1_SWITCH),
    source: 'UK T+1 (Oct 2027)',
  },
];

/** Securities settle in the calendar of their settlement market. */
export const MARKET_SETTLEMENT_CALENDARS: Readonly<Record<SecuritiesSettlementMarket, CalendarCode>> = {
  US: 'US',
  EU: 'TARGET2',
  UK: 'UK',
};

/**
 * Payment calendars of the currencies we have rules for. Any other currency (JPY, CHF, CAD, …) counts
 * weekends only: a real system adds their calendars (Tokyo, Zurich, Toronto) before trading them.
 */
export const CURRENCY_SETTLEMENT_CALENDARS: Readonly<Record<string, CalendarCode | undefined>> = {
  USD: 'US',
  EUR: 'TARGET2',
  GBP: 'UK',
};

/** FX spot is T+2 by convention; these pairs (either order) are T+1. */
export const FX_SPOT_BUSINESS_DAYS = 2;
export const FX_SPOT_T1_PAIRS: readonly (readonly [string, string])[] = [['USD', 'CAD']];
