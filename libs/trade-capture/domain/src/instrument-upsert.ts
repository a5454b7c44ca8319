import { Dec, parsePercent, parseQuantity } from '@tradeflow/shared/money';
import { ccpByCode, checkIsin, checkMic, micInfo } from '@tradeflow/shared/reference';
import {
  type BondInstrumentRecord,
  type EquityInstrumentRecord,
  type FxSpotInstrumentRecord,
  type InstrumentRecord,
} from './reference-record';
import {
  checkObject,
  clip,
  currencyCode,
  date,
  decimal,
  describeValue,
  has,
  isPlainObject,
  newIssues,
  oneOf,
  optional,
  pattern,
  pick,
  required,
  ruleCurrency,
  ruleKey,
  text,
  rejection,
  verdict,
  type Check,
  type Issues,
  type ObjectSpec,
  type UpsertContext,
  type UpsertValidation,
} from './reference-upsert';

// Same patterns as the contracts' common schemas, so an accepted body also passes the event schema.
const ISIN = pattern(
  /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/,
  'an ISIN: 2 upper-case letters, 9 letters or digits and a check digit',
);
const FX_PAIR = pattern(/^[A-Z]{3}\/[A-Z]{3}$/, 'a currency pair BASE/QUOTE such as EUR/USD');
const SETTLEMENT_MARKET = oneOf(['US', 'EU', 'UK']);
const MIN_INCREMENT = decimal((s) => parseQuantity(s));

// '^\d{1,3}(\.\d{1,8})?$' in the schema: parsePercent gives the reasons, the regex its 3 integer digits.
const COUPON_RATE = decimal(
  (s) => parsePercent(s),
  (s) => (/^\d{1,3}(\.\d+)?$/.test(s) ? undefined : 'has more than 3 digits before the decimal point'),
);

const COUPON_FREQUENCY: Check = (value, field, issues) => {
  if (typeof value !== 'number' || ![1, 2, 4, 12].includes(value)) {
    const got = typeof value === 'number' ? String(value) : `a ${value === null ? 'null' : typeof value}`;
    issues.shape.push({
      field,
      message: `${field} must be the number 1, 2, 4 or 12 (coupons a year), got ${got}`,
    });
  }
};

const EQUITY: ObjectSpec = {
  type: required(oneOf(['EQUITY'])),
  instrumentId: required(ISIN),
  isin: required(ISIN),
  ticker: optional(pattern(/^[A-Z0-9.]{1,12}$/, '1 to 12 upper-case letters, digits or dots')),
  name: required(text()),
  currency: required(currencyCode),
  mic: required(pattern(/^[A-Z0-9]{4}$/, 'a MIC: 4 upper-case letters or digits')),
  ccp: optional(pattern(/^[A-Z][A-Z0-9_]{1,15}$/, 'a CCP code such as NSCC or LCH')),
  settlementMarket: required(SETTLEMENT_MARKET),
  minIncrement: required(MIN_INCREMENT),
};

const BOND: ObjectSpec = {
  type: required(oneOf(['BOND'])),
  instrumentId: required(ISIN),
  isin: required(ISIN),
  name: required(text()),
  currency: required(currencyCode),
  issuerType: required(oneOf(['GOVERNMENT', 'CORPORATE'])),
  couponRate: required(COUPON_RATE),
  couponFrequency: required(COUPON_FREQUENCY),
  dayCount: required(oneOf(['ACT/ACT-ICMA', '30/360'])),
  issueDate: required(date),
  maturityDate: required(date),
  datedDate: optional(date),
  minIncrement: required(MIN_INCREMENT),
  settlementMarket: required(SETTLEMENT_MARKET),
};

const FX_SPOT: ObjectSpec = {
  type: required(oneOf(['FX_SPOT'])),
  instrumentId: required(FX_PAIR),
  pair: required(FX_PAIR),
  baseCurrency: required(currencyCode),
  currency: required(currencyCode),
  name: required(text()),
};

const SPECS: Readonly<Record<InstrumentRecord['type'], { spec: ObjectSpec; what: string }>> = {
  EQUITY: { spec: EQUITY, what: 'an EQUITY instrument' },
  BOND: { spec: BOND, what: 'a BOND instrument' },
  FX_SPOT: { spec: FX_SPOT, what: 'an FX_SPOT instrument' },
};
const TYPES = Object.keys(SPECS) as InstrumentRecord['type'][];

/** `POST /api/reference/instruments` and `PUT /api/reference/instruments/{id}`: `type` decides the shape. */
export function validateInstrumentUpsert(
  body: unknown,
  ctx: UpsertContext<InstrumentRecord>,
): UpsertValidation<InstrumentRecord> {
  const issues = newIssues();
  if (!isPlainObject(body)) {
    checkObject(body, '', {}, issues);
    return rejection(issues);
  }
  const type = body['type'];
  if (!has(body, 'type') || typeof type !== 'string' || !(TYPES as string[]).includes(type)) {
    // Without a known type there is no telling which fields belong, so this is the only error.
    const got = !has(body, 'type')
      ? 'nothing'
      : typeof type === 'string'
        ? `"${clip(type)}"`
        : describeValue(type);
    issues.shape.push({ field: 'type', message: `type must be one of ${TYPES.join(', ')}, got ${got}` });
    return rejection(issues);
  }
  const { spec, what } = SPECS[type as InstrumentRecord['type']];
  checkObject(body, '', spec, issues, what);
  if (issues.shape.length) return rejection(issues);

  const record = pick<InstrumentRecord>(body, spec);
  ruleKey(ctx, 'instrumentId', record.instrumentId, issues);
  const before = ctx.mode === 'update' ? ctx.existing?.type : undefined;
  if (before !== undefined && before !== record.type) {
    issues.rules.push({
      field: 'type',
      message: `type cannot change from ${before} to ${record.type}; create a new instrument instead`,
    });
  }
  switch (record.type) {
    case 'EQUITY':
      equityRules(record, issues);
      break;
    case 'BOND':
      bondRules(record, issues);
      break;
    case 'FX_SPOT':
      fxRules(record, issues);
      break;
  }
  return verdict(issues, () => record);
}

function isinRules(r: EquityInstrumentRecord | BondInstrumentRecord, issues: Issues): void {
  const check = checkIsin(r.isin);
  if (!check.ok) issues.rules.push({ field: 'isin', message: `isin ${check.reason}` });
  if (r.instrumentId !== r.isin) {
    issues.rules.push({
      field: 'instrumentId',
      message: `instrumentId ${r.instrumentId} must equal the isin ${r.isin}: a security is keyed by its ISIN`,
    });
  }
  ruleCurrency(r.currency, 'currency', issues);
}

function equityRules(r: EquityInstrumentRecord, issues: Issues): void {
  isinRules(r, issues);
  const mic = checkMic(r.mic);
  const venue = micInfo(r.mic);
  if (!mic.ok || !venue) {
    issues.rules.push({ field: 'mic', message: `mic ${mic.ok ? r.mic : mic.reason}` });
  } else if (venue.settlementMarket === 'OTC') {
    issues.rules.push({
      field: 'mic',
      message: `mic ${r.mic} is not a listing venue; give the MIC of the exchange the equity is listed on`,
    });
  } else if (!['US', 'EU', 'UK'].includes(venue.settlementMarket)) {
    issues.rules.push({
      field: 'mic',
      message: `mic ${r.mic} (${venue.name}) settles in the ${venue.settlementMarket} market, which is not settled here (US, EU, UK)`,
    });
  } else if (venue.settlementMarket !== r.settlementMarket) {
    issues.rules.push({
      field: 'settlementMarket',
      message: `settlementMarket ${r.settlementMarket} does not match mic ${r.mic} (${venue.name}), which settles in the ${venue.settlementMarket} market`,
    });
  }
  if (r.ccp !== undefined) {
    const ccp = ccpByCode(r.ccp);
    if (!ccp) {
      issues.rules.push({ field: 'ccp', message: `ccp ${r.ccp} is not a known CCP` });
    } else if (!ccp.markets.includes(r.settlementMarket)) {
      issues.rules.push({
        field: 'ccp',
        message: `ccp ${r.ccp} does not clear the ${r.settlementMarket} market (it clears ${ccp.markets.join(', ')})`,
      });
    }
  }
}

function bondRules(r: BondInstrumentRecord, issues: Issues): void {
  isinRules(r, issues);
  if (new Dec(r.couponRate).gt(100)) {
    issues.rules.push({ field: 'couponRate', message: `couponRate ${r.couponRate} % is above 100 %` });
  }
  if (r.couponFrequency !== 1 && r.couponFrequency !== 2) {
    issues.rules.push({
      field: 'couponFrequency',
      message: `couponFrequency ${r.couponFrequency} is not supported: the bond maths (coupon schedule, accrued interest) handle only 1 (annual) or 2 (semi-annual)`,
    });
  }
  // ISO dates compare as strings.
  if (r.maturityDate <= r.issueDate) {
    issues.rules.push({
      field: 'maturityDate',
      message: `maturityDate ${r.maturityDate} must be after issueDate ${r.issueDate}`,
    });
  }
  // The bond maths accrue from the dated date, which is on or before the issue (a Treasury issued on
  // Monday the 17th is dated Saturday the 15th); a later one would fail every trade's accrued interest.
  if (r.datedDate !== undefined && r.datedDate > r.issueDate) {
    issues.rules.push({
      field: 'datedDate',
      message: `datedDate ${r.datedDate} must not be after issueDate ${r.issueDate}: interest accrues from the dated date`,
    });
  }
}

function fxRules(r: FxSpotInstrumentRecord, issues: Issues): void {
  const [base = '', quote = ''] = r.pair.split('/');
  const known = [base, quote].filter((code) => ruleCurrency(code, 'pair', issues)).length === 2;
  if (known && base === quote) {
    issues.rules.push({ field: 'pair', message: `pair ${r.pair} must name two different currencies` });
  }
  if (r.instrumentId !== r.pair) {
    issues.rules.push({
      field: 'instrumentId',
      message: `instrumentId ${r.instrumentId} must equal the pair ${r.pair}: an FX spot is keyed by its pair`,
    });
  }
  if (r.baseCurrency !== base) {
    issues.rules.push({
      field: 'baseCurrency',
      message: `baseCurrency ${r.baseCurrency} must be ${base}, the first currency of pair ${r.pair}`,
    });
  }
  if (r.currency !== quote) {
    issues.rules.push({
      field: 'currency',
      message: `currency ${r.currency} must be ${quote}, the quote currency of pair ${r.pair}`,
    });
  }
}
