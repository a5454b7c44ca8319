import { checkCurrency } from '@tradeflow/shared/money';
import { parseIsoDate } from '../bonds/iso-date';
import { type SettlementCalendar, settlementCalendar } from './settlement-calendar';
import {
  CURRENCY_SETTLEMENT_CALENDARS,
  FX_SPOT_BUSINESS_DAYS,
  FX_SPOT_T1_PAIRS,
  MARKET_SETTLEMENT_CALENDARS,
  SECURITIES_CYCLE_RULES,
} from './settlement-cycle.rules';
import {
  SECURITIES_SETTLEMENT_MARKETS,
  type FxSpotSettlementTerms,
  type SettlementInstrument,
} from './settlement-instrument';

export interface SettlementConvention {
  /** Business days after the trade date: 1 or 2. */
  readonly businessDays: number;
  /** For messages: 'T+1', 'T+2 FX spot'. */
  readonly cycle: string;
  /** Where the trade date must be a business day. FX trades any weekday, whatever the holidays. */
  readonly tradeCalendar: SettlementCalendar;
  /** Where any settlement date must be a business day: the market's, or both currencies' for FX. */
  readonly settlementCalendar: SettlementCalendar;
}

export interface SettlementDateInput {
  readonly instrument: SettlementInstrument;
  /** 'YYYY-MM-DD' */
  readonly tradeDate: string;
}

// FX trades round the clock on weekdays, also on a holiday of either currency.
const FX_TRADING_DAYS: SettlementCalendar = { ...settlementCalendar([]), name: 'FX (weekdays)' };

/** Splits and checks 'EUR/USD'; a bad pair is a RangeError naming what is wrong. */
export function fxPairCurrencies(pair: string): readonly [string, string] {
  const m = /^([A-Z]{3})\/([A-Z]{3})$/.exec(pair);
  if (!m?.[1] || !m[2]) {
    throw new RangeError(`FX pair must be two ISO 4217 codes as 'EUR/USD', got ${JSON.stringify(pair)}`);
  }
  const [base, quote] = [m[1], m[2]];
  for (const code of [base, quote]) {
    const check = checkCurrency(code);
    if (!check.ok) throw new RangeError(`FX pair ${pair}: currency ${check.reason}`);
  }
  if (base === quote) throw new RangeError(`FX pair ${pair} has the same currency twice`);
  return [base, quote];
}

function currencyCalendar(currencies: readonly string[]): SettlementCalendar {
  const unique = [...new Set(currencies)];
  const codes = unique.flatMap((c) => {
    const code = CURRENCY_SETTLEMENT_CALENDARS[c];
    return code ? [code] : [];
  });
  return settlementCalendar(
    codes,
    unique.filter((c) => !CURRENCY_SETTLEMENT_CALENDARS[c]),
  );
}

const isT1Pair = (base: string, quote: string): boolean =>
  FX_SPOT_T1_PAIRS.some(([a, b]) => (a === base && b === quote) || (a === quote && b === base));

function fxConvention(instrument: FxSpotSettlementTerms): SettlementConvention {
  const [base, quote] = fxPairCurrencies(instrument.pair);
  const businessDays = isT1Pair(base, quote) ? 1 : FX_SPOT_BUSINESS_DAYS;
  return {
    businessDays,
    cycle: `T+${businessDays} FX spot`,
    tradeCalendar: FX_TRADING_DAYS,
    // A cross settles against USD liquidity: a date the trader picks must be good for USD too, as the
    // spot date is (fxSpotDate).
    settlementCalendar: currencyCalendar(
      base === 'USD' || quote === 'USD' ? [base, quote] : [base, quote, 'USD'],
    ),
  };
}

function securitiesConvention(
  instrument: Exclude<SettlementInstrument, FxSpotSettlementTerms>,
  tradeDate: string,
): SettlementConvention {
  const market = instrument.settlementMarket;
  // Instruments arrive from JSON too; a market we have no rules for must not fall through silently.
  if (!SECURITIES_SETTLEMENT_MARKETS.includes(market)) {
    throw new RangeError(
      `settlement market ${JSON.stringify(market)} has no settlement rules: expected one of ${SECURITIES_SETTLEMENT_MARKETS.join(', ')}`,
    );
  }
  const issuerType = instrument.type === 'BOND' ? instrument.issuerType : undefined;
  const rule = SECURITIES_CYCLE_RULES.find(
    (r) => r.market === market && r.type === instrument.type && r.issuerType === issuerType,
  );
  if (!rule) {
    throw new RangeError(
      `no settlement cycle for ${market} ${instrument.type}${issuerType ? ` ${issuerType}` : ''}`,
    );
  }
  // ISO dates compare as strings; the last step already in force on the trade date applies.
  const step = rule.cycles.filter((s) => s.from === null || s.from <= tradeDate).at(-1);
  if (!step)
    throw new RangeError(`no settlement cycle in force on ${tradeDate} for ${market} ${instrument.type}`);
  const calendar = settlementCalendar([MARKET_SETTLEMENT_CALENDARS[market]]);
  return {
    businessDays: step.businessDays,
    cycle: `T+${step.businessDays}`,
    tradeCalendar: calendar,
    settlementCalendar: calendar,
  };
}

/** The cycle and calendars that apply to a trade of this instrument on this trade date. */
export function settlementConvention({ instrument, tradeDate }: SettlementDateInput): SettlementConvention {
  parseIsoDate(tradeDate, 'trade date');
  switch (instrument.type) {
    case 'FX_SPOT':
      return fxConvention(instrument);
    case 'EQUITY':
    case 'BOND':
      return securitiesConvention(instrument, tradeDate);
    default: {
      const unknownType: never = instrument;
      throw new RangeError(`unknown instrument type ${JSON.stringify(unknownType)}`);
    }
  }
}

/**
 * FX spot by market convention. T+2 pairs: the first day need only be a business day of the non-USD
 * currency (or both, for a cross); the spot day must be good for both currencies and for USD (crosses
 * settle against USD liquidity), else it rolls to the next day good in all. T+1 pairs: good for both.
 */
function fxSpotDate(pair: string, tradeDate: string): string {
  const [base, quote] = fxPairCurrencies(pair);
  if (isT1Pair(base, quote)) return currencyCalendar([base, quote]).nextBusinessDay(tradeDate);
  const nonUsd = [base, quote].filter((c) => c !== 'USD');
  const firstDay = currencyCalendar(nonUsd).nextBusinessDay(tradeDate);
  return currencyCalendar([base, quote, 'USD']).nextBusinessDay(firstDay);
}

/**
 * The default settlement date: the trade date plus the instrument's cycle, in business days of the
 * settlement calendar. Throws a RangeError on a malformed date or an instrument without rules.
 */
export function defaultSettlementDate(input: SettlementDateInput): string {
  const convention = settlementConvention(input);
  if (input.instrument.type === 'FX_SPOT') return fxSpotDate(input.instrument.pair, input.tradeDate);
  return convention.settlementCalendar.addBusinessDays(input.tradeDate, convention.businessDays);
}
