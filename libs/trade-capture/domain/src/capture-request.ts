import { failed, type Failed, type FieldError } from '@tradeflow/shared/failure';
import {
  computeEconomics,
  currency,
  formatCash,
  parseCash,
  parsePrice,
  parseQuantity,
  parseRate,
  roundCash,
  Dec,
  type Economics,
  type ParseResult,
} from '@tradeflow/shared/money';
import {
  checkIsin,
  checkLei,
  checkMic,
  micInfo,
  type BondInstrument,
  type Instrument,
} from '@tradeflow/shared/reference';
import {
  accruedInterest,
  validateSettlementDate,
  type SettlementInstrument,
} from '@tradeflow/shared/trading';
import {
  CAPTURE_FIELDS,
  isCaptureField,
  type CaptureField,
  type CaptureFieldSpec,
  type CaptureRequest,
} from './capture-fields';
import { type ReferenceLookup } from './reference-lookup';
import { canBook, visibleBooks } from './trade-access.policy';
import { isRealDate } from './trade-id';
import {
  type TradeEconomics,
  type TradeInstrument,
  type TradeSide,
  type ValidatedTrade,
} from './validated-trade';

export {
  OPTIONAL_CAPTURE_FIELDS,
  REQUIRED_CAPTURE_FIELDS,
  type CaptureField,
  type CaptureRequest,
} from './capture-fields';

export type { FieldError };

export interface CapturePrincipal {
  readonly id: string;
  readonly role: string;
  readonly books: readonly string[];
}

export interface CaptureContext {
  readonly principal: CapturePrincipal;
  /** Business date of the booking system, 'YYYY-MM-DD' (tests fix it). */
  readonly today: string;
  readonly reference: ReferenceLookup;
}

/** A booking, or why not: `malformed`, `forbidden` or `rule-broken`, every offending field named. */
export type CaptureValidation = { readonly ok: true; readonly trade: ValidatedTrade } | Failed;

const FX_PAIR_LIKE = /^[A-Za-z]{3}\/[A-Za-z]{3}$/;
const EXTERNAL_REF_MAX = CAPTURE_FIELDS.externalRef.maxLength;
// Printable: no control, format, private-use or unassigned code points (they hide in logs and exports).
const PRINTABLE = new RegExp(CAPTURE_FIELDS.externalRef.pattern, 'u');
const ONE = '1';
// fo.trade.* events carry every cash amount (gross, accrued, net, counter amount, commission) as
// AMOUNT_PATTERN of @tradeflow/shared/contracts (payloads/common.schemas.ts), '^\d{1,18}(\.\d{1,3})?$':
// no sign and at most 18 digits before the point. Domain code may not import contracts, so the limit is
// repeated here. The decimals cannot break it: amounts are rounded to their currency's minor units (≤ 3).
const AMOUNT_MAX_INTEGER_DIGITS = 18;
const AMOUNT_LIMIT = new Dec(10).pow(AMOUNT_MAX_INTEGER_DIGITS); // the smallest amount that no longer fits

/**
 * Validates a capture request against the shape rules, the caller's rights and the domain rules.
 *
 * Precedence: shape (malformed) first, then authorisation (forbidden), then business rules
 * (rule-broken). A malformed body is answered before anything is looked up; authorisation comes before
 * business rules so a caller learns nothing about another book's instruments, limits or dates; and
 * within a kind every error is reported, each naming its field.
 */
export function validateCaptureRequest(body: unknown, ctx: CaptureContext): CaptureValidation {
  const shape = checkShape(body);
  if (!shape.ok) return failed('malformed', shape.errors, 'the request is malformed');
  const request = shape.request;

  const forbidden = checkAuthorisation(request, ctx.principal);
  if (forbidden.length) return failed('forbidden', forbidden, 'you may not book in this book');

  return checkBusinessRules(request, ctx);
}

// ---- malformed: shape ----------------------------------------------------------------------------

export type ShapeResult = { ok: true; request: CaptureRequest } | { ok: false; errors: FieldError[] };

/** Malformed unless the body is a JSON object of CAPTURE_FIELDS, the required ones present, each a string. */
export function checkShape(body: unknown): ShapeResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      errors: [{ field: '', message: `the request body must be a JSON object, got ${describe(body)}` }],
    };
  }
  const record = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(record)) {
    if (!isCaptureField(key)) errors.push({ field: clip(key), message: `${clip(key)} is not a known field` });
  }
  for (const [field, spec] of Object.entries(CAPTURE_FIELDS) as [CaptureField, CaptureFieldSpec][]) {
    const present = Object.prototype.hasOwnProperty.call(record, field) && record[field] !== undefined;
    if (!present) {
      if (spec.required) errors.push({ field, message: `${field} is required` });
      continue;
    }
    const value = record[field];
    if (typeof value !== 'string') {
      errors.push({
        field,
        message: spec.decimal
          ? `${field} must be a string (decimals travel as strings), got ${describe(value)}`
          : `${field} must be a string, got ${describe(value)}`,
      });
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, request: record as CaptureRequest };
}

// ---- forbidden: who may book where ---------------------------------------------------------------

function checkAuthorisation(request: CaptureRequest, principal: CapturePrincipal): FieldError[] {
  // The controllers let traders alone book; said again here so the rule holds whoever calls.
  if (principal.role !== 'trader') {
    return [{ field: '', message: `role ${principal.role} may not capture trades; only traders may` }];
  }
  // Which books: the trade access policy. Capturing into another book is forbidden, even though
  // another book's trade reads as not found: the book code is not a secret, its trades are.
  if (!canBook(principal, request.book)) {
    return [
      {
        field: 'book',
        message: `book ${clip(request.book)} is not one of your books; you may capture only in ${
          visibleBooks(principal)?.join(', ') || 'none'
        }`,
      },
    ];
  }
  return [];
}

// ---- rule-broken: business rules -----------------------------------------------------------------

function checkBusinessRules(request: CaptureRequest, ctx: CaptureContext): CaptureValidation {
  const errors: FieldError[] = [];
  const fail = (field: CaptureField, message: string): void => {
    errors.push({ field, message });
  };
  const parsed = (field: CaptureField, result: ParseResult): Dec | undefined => {
    if (result.ok) return result.value;
    fail(field, `${field} ${result.reason}`);
    return undefined;
  };

  const book = ctx.reference.book(request.book);
  if (!book) fail('book', `book ${clip(request.book)} is not a known book`);

  const side = request.side === 'BUY' || request.side === 'SELL' ? request.side : undefined;
  if (!side) fail('side', `side must be BUY or SELL, got "${clip(request.side)}"`);

  const instrument = resolveInstrument(request.instrumentId, ctx.reference, fail);
  if (instrument && book && !book.instrumentTypes.includes(instrument.type)) {
    fail('instrumentId', `book ${book.bookCode} does not trade ${instrument.type} instruments`);
  }

  const quantity = checkQuantity(request.quantity, instrument, parsed, fail);
  const price = parsed(
    'price',
    instrument?.type === 'FX_SPOT' ? parseRate(request.price) : parsePrice(request.price),
  );

  const tradeCurrency = instrument ? currencyOf(instrument) : undefined;
  let commission: Dec | undefined;
  if (request.commission !== undefined && tradeCurrency) {
    // Commission is charged in the currency of the gross amount (the quote currency for FX).
    commission = parsed('commission', parseCash(request.commission, tradeCurrency, { allowZero: true }));
  }
  // Without a known instrument there is no currency to check the commission's decimals against; the
  // instrumentId error already explains why the trade cannot be booked.

  const counterparty = checkCounterparty(request.counterpartyLei, ctx.reference, fail);
  checkVenue(request.venueMic, instrument, fail);

  const externalRef = request.externalRef;
  if (externalRef !== undefined) {
    const length = [...externalRef].length;
    if (length === 0) fail('externalRef', 'externalRef must not be empty; leave it out instead');
    else if (length > EXTERNAL_REF_MAX)
      fail(
        'externalRef',
        `externalRef is ${length} characters long; at most ${EXTERNAL_REF_MAX} are allowed`,
      );
    else if (!PRINTABLE.test(externalRef))
      fail('externalRef', 'externalRef must contain printable characters only');
  }

  const settlementDate = checkDates(request, instrument, ctx.today, fail);

  let accrued: Dec | undefined;
  if (instrument?.type === 'BOND' && quantity && settlementDate) {
    // A settlement date the trader chose is theirs to change; a default one moves with the trade date.
    const dateField = request.settlementDate !== undefined ? 'settlementDate' : 'tradeDate';
    accrued = bondAccrued(instrument, quantity, settlementDate, dateField, fail);
  }

  // Quantity and price each fit their 18 digits, but their product need not fit the 18 of an amount.
  // Checked whenever the figures are known, so that it is reported along with any other error.
  let economics: TradeEconomics | undefined;
  if (instrument && side && quantity && price && (instrument.type !== 'BOND' || accrued)) {
    const fees = commission ?? new Dec(0);
    economics = toTradeEconomics(
      computeEconomics(economicsInput(instrument, side, quantity, price, fees, accrued)),
    );
    checkAmounts(instrument, economics, fees, fail);
  }

  if (
    errors.length ||
    !book ||
    !side ||
    !instrument ||
    !quantity ||
    !price ||
    !counterparty ||
    !settlementDate ||
    !economics
  ) {
    return failed('rule-broken', errors, 'the trade breaks a rule; see errors');
  }

  const trade: ValidatedTrade = {
    book: book.bookCode,
    trader: ctx.principal.id,
    side,
    instrument: toTradeInstrument(instrument),
    quantity,
    price,
    counterpartyLei: counterparty,
    tradeDate: request.tradeDate,
    settlementDate,
    ...(request.venueMic !== undefined ? { venueMic: request.venueMic } : {}),
    commission: commission ?? new Dec(0),
    ...(externalRef !== undefined ? { externalRef } : {}),
    economics,
  };
  return { ok: true, trade };
}

type Fail = (field: CaptureField, message: string) => void;
type Parsed = (field: CaptureField, result: ParseResult) => Dec | undefined;

function resolveInstrument(id: string, reference: ReferenceLookup, fail: Fail): Instrument | undefined {
  if (id === '') {
    fail('instrumentId', 'instrumentId must not be empty: give an ISIN or an FX pair such as EUR/USD');
    return undefined;
  }
  const found = reference.instrument(id);
  if (found) return found;
  if (FX_PAIR_LIKE.test(id)) {
    fail('instrumentId', `instrumentId ${id} is not a known FX pair`);
    return undefined;
  }
  // A mistyped ISIN should say so (check digit), rather than merely "unknown".
  const check = checkIsin(id);
  fail(
    'instrumentId',
    check.ok ? `instrumentId ${id} is not a known instrument` : `instrumentId ${check.reason}`,
  );
  return undefined;
}

function checkQuantity(
  input: string,
  instrument: Instrument | undefined,
  parsed: Parsed,
  fail: Fail,
): Dec | undefined {
  const quantity = parsed('quantity', parseQuantity(input));
  if (!quantity || !instrument) return quantity;
  switch (instrument.type) {
    case 'EQUITY': {
      if (quantity.mod(instrument.minIncrement).isZero()) return quantity;
      fail(
        'quantity',
        instrument.minIncrement === ONE
          ? `quantity must be a whole number of shares: ${instrument.ticker} does not trade fractions`
          : `quantity must be a multiple of ${instrument.minIncrement} shares for ${instrument.ticker}`,
      );
      return undefined;
    }
    case 'BOND': {
      if (quantity.mod(instrument.minIncrement).isZero()) return quantity;
      fail(
        'quantity',
        `quantity (nominal) must be a multiple of the minimum increment ${instrument.minIncrement}`,
      );
      return undefined;
    }
    case 'FX_SPOT': {
      // The base leg is paid as is, so it cannot carry more decimals than its currency has.
      const base = currency(instrument.baseCurrency);
      if (quantity.decimalPlaces() <= base.minorUnits) return quantity;
      fail(
        'quantity',
        base.minorUnits === 0
          ? `quantity has ${quantity.decimalPlaces()} decimals; ${base.code} has no minor units`
          : `quantity has ${quantity.decimalPlaces()} decimals; ${base.code} allows at most ${base.minorUnits}`,
      );
      return undefined;
    }
  }
}

function checkCounterparty(lei: string, reference: ReferenceLookup, fail: Fail): string | undefined {
  const check = checkLei(lei);
  if (!check.ok) {
    fail('counterpartyLei', `counterpartyLei ${check.reason}`);
    return undefined;
  }
  if (!reference.counterparty(lei)) {
    fail('counterpartyLei', `counterpartyLei ${lei} is not a known counterparty`);
    return undefined;
  }
  return lei;
}

function checkVenue(mic: string | undefined, instrument: Instrument | undefined, fail: Fail): void {
  if (mic === undefined) return;
  const check = checkMic(mic);
  if (!check.ok) {
    fail('venueMic', `venueMic ${check.reason}`);
    return;
  }
  // An equity trades where it settles (or off-exchange, XOFF); a US share is not executed on Xetra here.
  const info = micInfo(mic);
  if (instrument?.type === 'EQUITY' && info && info.settlementMarket !== 'OTC') {
    if (info.settlementMarket !== instrument.settlementMarket) {
      fail(
        'venueMic',
        `venueMic ${mic} (${info.name}) is not a venue of the ${instrument.settlementMarket} market, where ${instrument.ticker} trades`,
      );
    }
  }
}

function checkDates(
  request: CaptureRequest,
  instrument: Instrument | undefined,
  today: string,
  fail: Fail,
): string | undefined {
  if (!instrument) {
    // No calendar without an instrument: check what can be checked, so one bad field does not hide another.
    if (!isRealDate(request.tradeDate)) {
      fail('tradeDate', `tradeDate must be a real date YYYY-MM-DD, got "${clip(request.tradeDate)}"`);
    } else if (request.tradeDate > today) {
      fail(
        'tradeDate',
        `trade date ${request.tradeDate} is after today ${today}: a trade cannot be booked in the future`,
      );
    }
    if (request.settlementDate !== undefined && !isRealDate(request.settlementDate)) {
      fail(
        'settlementDate',
        `settlementDate must be a real date YYYY-MM-DD, got "${clip(request.settlementDate)}"`,
      );
    }
    return undefined;
  }
  const result = validateSettlementDate({
    instrument: settlementTerms(instrument),
    tradeDate: request.tradeDate,
    ...(request.settlementDate !== undefined ? { requested: request.settlementDate } : {}),
    today,
  });
  if (result.ok) return result.settlementDate;
  for (const e of result.errors) fail(e.field, e.message);
  return undefined;
}

function bondAccrued(
  bond: BondInstrument,
  nominal: Dec,
  settlementDate: string,
  dateField: 'settlementDate' | 'tradeDate',
  fail: Fail,
): Dec | undefined {
  try {
    const accrued = accruedInterest(
      {
        nominal,
        couponRate: bond.couponRate,
        frequency: bond.couponFrequency,
        dayCount: bond.dayCount,
        issueDate: bond.issueDate,
        maturityDate: bond.maturityDate,
        ...(bond.datedDate !== undefined ? { datedDate: bond.datedDate } : {}),
      },
      settlementDate,
    );
    return roundCash(accrued, bond.currency);
  } catch (e) {
    // Settlement before issue or at/after maturity: the bond cannot settle on that date.
    if (e instanceof RangeError) {
      fail(
        dateField,
        `settlement date ${settlementDate}${dateField === 'tradeDate' ? ' (the default for this trade date)' : ''} is outside the life of ${bond.isin}: ${e.message}`,
      );
      return undefined;
    }
    throw e;
  }
}

/**
 * Refuses a trade whose cash amounts the event schema cannot carry (see AMOUNT_PATTERN above), rather than
 * letting the event be refused when it is written. The quantity is named: it is what makes a trade that
 * large, and what the trader changes (or splits the trade by).
 */
function checkAmounts(instrument: Instrument, e: TradeEconomics, commission: Dec, fail: Fail): void {
  const gross =
    instrument.type === 'BOND'
      ? 'nominal × price / 100 plus accrued interest'
      : instrument.type === 'FX_SPOT'
        ? `quantity × rate (the ${e.currency} amount)`
        : 'quantity × price';
  // The gross is at least the accrued interest and equals the FX counter amount, so these two cover all.
  const [what, amount] = e.grossAmount.gte(AMOUNT_LIMIT)
    ? [gross, e.grossAmount]
    : [`${gross} plus commission`, e.netAmount];
  if (amount.gte(AMOUNT_LIMIT)) {
    const digits = amount.truncated().toFixed().length;
    fail(
      'quantity',
      `${what} is ${formatCash(amount, e.currency)} ${e.currency}, ${digits} digits before the decimal point; an amount may have at most ${AMOUNT_MAX_INTEGER_DIGITS}: book a smaller quantity`,
    );
  } else if (e.netAmount.isNegative()) {
    fail(
      'commission',
      `commission ${formatCash(commission, e.currency)} ${e.currency} is more than the gross amount ${formatCash(e.grossAmount, e.currency)}: the net amount of a sell cannot be negative`,
    );
  }
}

function settlementTerms(instrument: Instrument): SettlementInstrument {
  switch (instrument.type) {
    case 'EQUITY':
      return { type: 'EQUITY', settlementMarket: instrument.settlementMarket };
    case 'BOND':
      return {
        type: 'BOND',
        settlementMarket: instrument.settlementMarket,
        issuerType: instrument.issuerType,
      };
    case 'FX_SPOT':
      return { type: 'FX_SPOT', pair: instrument.pair };
  }
}

function currencyOf(instrument: Instrument): string {
  return instrument.type === 'FX_SPOT' ? instrument.quoteCurrency : instrument.currency;
}

function economicsInput(
  instrument: Instrument,
  side: TradeSide,
  quantity: Dec,
  price: Dec,
  fees: Dec,
  accrued: Dec | undefined,
): Parameters<typeof computeEconomics>[0] {
  switch (instrument.type) {
    case 'EQUITY':
      return { instrumentType: 'EQUITY', side, quantity, price, currency: instrument.currency, fees };
    case 'BOND':
      return {
        instrumentType: 'BOND',
        side,
        nominal: quantity,
        cleanPrice: price,
        accruedInterest: accrued ?? new Dec(0), // never absent: the caller checked it
        currency: instrument.currency,
        fees,
      };
    case 'FX_SPOT':
      return {
        instrumentType: 'FX_SPOT',
        side,
        quantity,
        rate: price,
        baseCurrency: instrument.baseCurrency,
        quoteCurrency: instrument.quoteCurrency,
        fees,
      };
  }
}

function toTradeEconomics(e: Economics): TradeEconomics {
  switch (e.instrumentType) {
    case 'EQUITY':
      return { currency: e.currency, grossAmount: e.gross, netAmount: e.net };
    case 'BOND':
      return {
        currency: e.currency,
        grossAmount: e.gross,
        accruedInterest: e.accruedInterest,
        netAmount: e.net,
      };
    case 'FX_SPOT':
      return {
        currency: e.currency,
        grossAmount: e.gross,
        netAmount: e.net,
        counterAmount: e.counterAmount,
        counterCurrency: e.quoteCurrency,
      };
  }
}

function toTradeInstrument(instrument: Instrument): TradeInstrument {
  switch (instrument.type) {
    case 'EQUITY':
      return {
        type: 'EQUITY',
        id: instrument.instrumentId,
        isin: instrument.isin,
        currency: instrument.currency,
        settlementMarket: instrument.settlementMarket,
        ...(instrument.ccp !== undefined ? { ccp: instrument.ccp } : {}),
      };
    case 'BOND':
      return {
        type: 'BOND',
        id: instrument.instrumentId,
        isin: instrument.isin,
        currency: instrument.currency,
        settlementMarket: instrument.settlementMarket,
      };
    case 'FX_SPOT':
      return {
        type: 'FX_SPOT',
        id: instrument.instrumentId,
        pair: instrument.pair,
        baseCurrency: instrument.baseCurrency,
        quoteCurrency: instrument.quoteCurrency,
        currency: instrument.quoteCurrency,
      };
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return `the number ${String(value)}`;
  return `a ${typeof value}`;
}

// Echoing a megabyte of attacker input back in an error body helps nobody.
function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
