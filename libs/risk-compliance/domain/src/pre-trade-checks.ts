import { Dec, toWire } from '@tradeflow/shared/money';
import { signedQuantity } from './positions/position';

/** The seven pre-trade checks of the middle office, in the order a decision lists them. */
export const CHECK_CODES = [
  'RESTRICTED_INSTRUMENT',
  'PRICE_TOLERANCE',
  'MAX_TRADE_NOTIONAL',
  'TRADER_DAILY_NOTIONAL',
  'COUNTERPARTY_EXPOSURE',
  'BOOK_POSITION_LIMIT',
  'WASH_TRADE',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];
export type CheckOutcome = 'passed' | 'hold' | 'reject';
export type Decision = 'APPROVED' | 'HELD' | 'REJECTED';
export type InstrumentType = 'EQUITY' | 'BOND' | 'FX_SPOT';
export type Side = 'BUY' | 'SELL';

/** Default price bands: equities 5%, bonds 2%, FX 1%. */
export const DEFAULT_PRICE_BANDS: Readonly<Record<InstrumentType, Dec>> = {
  EQUITY: new Dec('0.05'),
  BOND: new Dec('0.02'),
  FX_SPOT: new Dec('0.01'),
};

/** The wash-trade window, inclusive: a fill exactly 60 s away still counts. */
export const WASH_TRADE_WINDOW_MS = 60_000;

/** The trade version being checked. */
export interface CheckedTrade {
  readonly book: string;
  readonly trader: string;
  readonly side: Side;
  readonly instrumentId: string;
  readonly instrumentType: InstrumentType;
  /** Shares (equity), nominal (bond) or base-currency amount (FX spot). Positive. */
  readonly quantity: Dec;
  /** Per share (equity), clean price in percent of par (bond), quote per base unit (FX spot). */
  readonly price: Dec;
  /** Currency of the notional: the trading currency (equity, bond) or the base currency (FX spot). */
  readonly notionalCurrency: string;
  /** USD per one unit of `notionalCurrency` (1 for USD). */
  readonly usdRate: Dec;
  readonly counterparty: string;
  /** ISO instant of execution. */
  readonly tradeTime: string;
}

/** One of the book's earlier fills of the same instrument. */
export interface RecentFill {
  readonly tradeId: string;
  readonly side: Side;
  readonly price: Dec;
  /** ISO instant of execution. */
  readonly tradeTime: string;
}

/** What the checks compare the trade with. A missing figure is `undefined` (see `decide`). */
export interface CheckContext {
  readonly restrictedInstruments: ReadonlySet<string>;
  readonly referencePrice?: Dec;
  /** Per instrument type; a type left out uses `DEFAULT_PRICE_BANDS`. */
  readonly priceBands?: Partial<Record<InstrumentType, Dec>>;
  /** The book's per-trade notional limit, USD. */
  readonly bookTradeNotionalLimit?: Dec;
  /** The trader's gross notional today before this trade, USD. */
  readonly traderDailyNotional: Dec;
  readonly traderDailyLimit?: Dec;
  /** The counterparty's unsettled exposure before this trade, USD. */
  readonly counterpartyExposure: Dec;
  readonly counterpartyCreditLimit?: Dec;
  /** The book's signed position in the instrument before the trade (long > 0), in the trade's units. */
  readonly bookPosition: Dec;
  /** Limit on the book's absolute position in the instrument, in the trade's units. */
  readonly bookPositionLimit?: Dec;
  /** The book's recent fills of this instrument. */
  readonly recentFills: readonly RecentFill[];
}

/** Limit, usage before and usage after; `null` where a figure has no meaning for the check. */
export interface CheckFigures {
  readonly limit: Dec | null;
  readonly usageBefore: Dec | null;
  readonly usageAfter: Dec | null;
}

export interface CheckResult extends CheckFigures {
  readonly code: CheckCode;
  readonly outcome: CheckOutcome;
  /** One sentence for a risk officer. */
  readonly reason: string;
}

export interface RiskDecision {
  readonly decision: Decision;
  /** Every check, in `CHECK_CODES` order, fired or not. */
  readonly checks: readonly CheckResult[];
  /** The trade's notional in USD, unrounded. */
  readonly notionalUsd: Dec;
}

/**
 * Notional in the trade's own currency: equity quantity × price; bond nominal × clean price / 100 (no
 * accrued interest); FX spot the base amount.
 */
export function localNotional(trade: CheckedTrade): Dec {
  switch (trade.instrumentType) {
    case 'EQUITY':
      return new Dec(trade.quantity).mul(trade.price);
    case 'BOND':
      return new Dec(trade.quantity).mul(trade.price).div(100);
    case 'FX_SPOT':
      return new Dec(trade.quantity);
  }
}

/** Notional in USD: the local notional × the USD rate. Unrounded. */
export function notionalUsd(trade: CheckedTrade): Dec {
  return localNotional(trade).mul(trade.usdRate);
}

/** Thousands-separated, e.g. 1250000 → "1,250,000.00" with `decimals` 2 (rounded half-even for display). */
export function formatAmount(value: Dec, decimals?: number): string {
  const d = new Dec(value);
  const fixed =
    decimals === undefined ? d.toFixed() : d.toDecimalPlaces(decimals, Dec.ROUND_HALF_EVEN).toFixed(decimals);
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** USD with at least the cents, and every further digit the exact figure has: a sentence never rounds. */
const usd = (value: Dec): string => `${formatAmount(value, Math.max(2, new Dec(value).decimalPlaces()))} USD`;
/** A band as a percentage, exact: 0.05 → "5%". */
const bandPercent = (ratio: Dec): string => `${formatAmount(new Dec(ratio).mul(100))}%`;
/**
 * A deviation as a percentage to 4 decimals, rounded up (away from zero): a deviation above the band never
 * reads as equal to it (0.0500001 → "5.0001%"), and one within it reads at most the band.
 */
const deviationPercent = (ratio: Dec): string =>
  `${formatAmount(new Dec(ratio).mul(100).toDecimalPlaces(4, Dec.ROUND_UP))}%`;

function result(
  code: CheckCode,
  outcome: CheckOutcome,
  reason: string,
  figures?: Partial<CheckFigures>,
): CheckResult {
  return {
    code,
    outcome,
    reason,
    limit: figures?.limit ?? null,
    usageBefore: figures?.usageBefore ?? null,
    usageAfter: figures?.usageAfter ?? null,
  };
}

export function checkRestrictedInstrument(trade: CheckedTrade, context: CheckContext): CheckResult {
  return context.restrictedInstruments.has(trade.instrumentId)
    ? result('RESTRICTED_INSTRUMENT', 'reject', `instrument ${trade.instrumentId} is on the restricted list`)
    : result(
        'RESTRICTED_INSTRUMENT',
        'passed',
        `instrument ${trade.instrumentId} is not on the restricted list`,
      );
}

/** Deviation |price − ref| / ref against the band; exactly at the band passes, a missing reference holds. */
export function checkPriceTolerance(trade: CheckedTrade, context: CheckContext): CheckResult {
  const band = context.priceBands?.[trade.instrumentType] ?? DEFAULT_PRICE_BANDS[trade.instrumentType];
  const ref = context.referencePrice;
  if (ref === undefined || !new Dec(ref).isPositive()) {
    return result(
      'PRICE_TOLERANCE',
      'hold',
      `no usable reference price for ${trade.instrumentId}, so price ${formatAmount(trade.price)} cannot be checked against the ${bandPercent(band)} band`,
      { limit: band },
    );
  }
  const deviation = new Dec(trade.price).sub(ref).abs().div(ref);
  const figures = { limit: new Dec(band), usageAfter: deviation };
  return deviation.gt(band)
    ? result(
        'PRICE_TOLERANCE',
        'hold',
        `price ${formatAmount(trade.price)} is ${deviationPercent(deviation)} off the reference price ${formatAmount(ref)}, above the ${bandPercent(band)} band`,
        figures,
      )
    : result(
        'PRICE_TOLERANCE',
        'passed',
        `price ${formatAmount(trade.price)} is ${deviationPercent(deviation)} off the reference price ${formatAmount(ref)}, within the ${bandPercent(band)} band`,
        figures,
      );
}

/**
 * A usage check: usage after = usage before + this trade's contribution, against the limit. Exactly at the
 * limit passes, strictly above holds, and a missing limit holds (no limit set is no authority to trade).
 */
function usageCheck(
  code: CheckCode,
  usage: { what: string; before: Dec; after: Dec; show: (v: Dec) => string },
  limitName: string,
  limit: Dec | undefined,
): CheckResult {
  const { what, before, after, show } = usage;
  if (limit === undefined) {
    return result(code, 'hold', `${what} is ${show(after)}, but ${limitName} is not set`, {
      usageBefore: before,
      usageAfter: after,
    });
  }
  const figures = { limit: new Dec(limit), usageBefore: before, usageAfter: after };
  return after.gt(limit)
    ? result(code, 'hold', `${what} is ${show(after)}, above ${limitName} of ${show(limit)}`, figures)
    : result(code, 'passed', `${what} is ${show(after)}, within ${limitName} of ${show(limit)}`, figures);
}

export function checkMaxTradeNotional(trade: CheckedTrade, context: CheckContext): CheckResult {
  return usageCheck(
    'MAX_TRADE_NOTIONAL',
    { what: 'notional', before: new Dec(0), after: notionalUsd(trade), show: usd },
    `book ${trade.book}'s per-trade limit`,
    context.bookTradeNotionalLimit,
  );
}

export function checkTraderDailyNotional(trade: CheckedTrade, context: CheckContext): CheckResult {
  const before = new Dec(context.traderDailyNotional);
  return usageCheck(
    'TRADER_DAILY_NOTIONAL',
    {
      what: `trader ${trade.trader}'s gross notional today with this trade`,
      before,
      after: before.add(notionalUsd(trade)),
      show: usd,
    },
    'their daily limit',
    context.traderDailyLimit,
  );
}

export function checkCounterpartyExposure(trade: CheckedTrade, context: CheckContext): CheckResult {
  const before = new Dec(context.counterpartyExposure);
  return usageCheck(
    'COUNTERPARTY_EXPOSURE',
    {
      what: `counterparty ${trade.counterparty}'s unsettled exposure with this trade`,
      before,
      after: before.add(notionalUsd(trade)),
      show: usd,
    },
    'its credit limit',
    context.counterpartyCreditLimit,
  );
}

/** On the absolute position after the trade: a sell reduces a long, a buy reduces a short. */
export function checkBookPositionLimit(trade: CheckedTrade, context: CheckContext): CheckResult {
  const before = new Dec(context.bookPosition);
  return usageCheck(
    'BOOK_POSITION_LIMIT',
    {
      what: `book ${trade.book}'s absolute position in ${trade.instrumentId} after the trade`,
      before: before.abs(),
      after: before.add(signedQuantity(trade)).abs(),
      show: (v) => formatAmount(v),
    },
    'its position limit',
    context.bookPositionLimit,
  );
}

/** Opposite side, equal price, within 60 s either way (inclusive); an unreadable trade time holds. */
export function checkWashTrade(trade: CheckedTrade, context: CheckContext): CheckResult {
  const at = Date.parse(trade.tradeTime);
  if (Number.isNaN(at)) {
    return result(
      'WASH_TRADE',
      'hold',
      `trade time "${trade.tradeTime}" is not an instant, so wash trades of book ${trade.book} in ${trade.instrumentId} cannot be checked`,
    );
  }
  const match = context.recentFills.find(
    (fill) =>
      fill.side !== trade.side &&
      new Dec(fill.price).eq(trade.price) &&
      Math.abs(Date.parse(fill.tradeTime) - at) <= WASH_TRADE_WINDOW_MS,
  );
  if (match === undefined) {
    return result(
      'WASH_TRADE',
      'passed',
      `book ${trade.book} has no opposite fill of ${trade.instrumentId} at ${formatAmount(trade.price)} within 60 s`,
    );
  }
  const seconds = Math.abs(Date.parse(match.tradeTime) - at) / 1000;
  return result(
    'WASH_TRADE',
    'hold',
    `book ${trade.book} ${trade.side === 'BUY' ? 'buys' : 'sells'} ${trade.instrumentId} at ${formatAmount(trade.price)} ${seconds} s from its ${match.side === 'BUY' ? 'buy' : 'sell'} ${match.tradeId} at the same price`,
  );
}

const CHECKS: Record<CheckCode, (trade: CheckedTrade, context: CheckContext) => CheckResult> = {
  RESTRICTED_INSTRUMENT: checkRestrictedInstrument,
  PRICE_TOLERANCE: checkPriceTolerance,
  MAX_TRADE_NOTIONAL: checkMaxTradeNotional,
  TRADER_DAILY_NOTIONAL: checkTraderDailyNotional,
  COUNTERPARTY_EXPOSURE: checkCounterpartyExposure,
  BOOK_POSITION_LIMIT: checkBookPositionLimit,
  WASH_TRADE: checkWashTrade,
};

/** A reject fired → REJECTED; else any hold → HELD; else APPROVED. */
export function decisionOf(checks: readonly CheckResult[]): Decision {
  if (checks.some((c) => c.outcome === 'reject')) return 'REJECTED';
  if (checks.some((c) => c.outcome === 'hold')) return 'HELD';
  return 'APPROVED';
}

/** Runs every check on the trade version and decides. */
export function decide(trade: CheckedTrade, context: CheckContext): RiskDecision {
  const checks = CHECK_CODES.map((code) => CHECKS[code](trade, context));
  return { decision: decisionOf(checks), checks, notionalUsd: notionalUsd(trade) };
}

/** A check as stored or sent: figures as plain decimal strings (`toWire`), `null` where they have no meaning. */
export interface CheckRecord {
  readonly code: CheckCode;
  readonly outcome: CheckOutcome;
  readonly limit: string | null;
  readonly usageBefore: string | null;
  readonly usageAfter: string | null;
  readonly reason: string;
}

export interface DecisionRecord {
  readonly decision: Decision;
  readonly notionalUsd: string;
  readonly checks: readonly CheckRecord[];
}

const wire = (value: Dec | null): string | null => (value === null ? null : toWire(value));

/** The decision with every figure a string, exact (never rounded), for a table row or an event payload. */
export function toDecisionRecord(decision: RiskDecision): DecisionRecord {
  return {
    decision: decision.decision,
    notionalUsd: toWire(decision.notionalUsd),
    checks: decision.checks.map((c) => ({
      code: c.code,
      outcome: c.outcome,
      limit: wire(c.limit),
      usageBefore: wire(c.usageBefore),
      usageAfter: wire(c.usageAfter),
      reason: c.reason,
    })),
  };
}
