// Public API of @tradeflow/trade-capture/domain.
export {
  OPTIONAL_CAPTURE_FIELDS,
  REQUIRED_CAPTURE_FIELDS,
  validateCaptureRequest,
  type CaptureContext,
  type CaptureField,
  type CapturePrincipal,
  type CaptureRequest,
  type CaptureValidation,
  type FieldError,
} from './capture-request';
export { canBook, canSee, visibleBooks, type TradeAccessPrincipal } from './trade-access.policy';
export {
  AMENDABLE_CAPTURE_FIELDS,
  CANCEL_REASON_MAX,
  CAPTURE_FIELDS,
  DEFAULT_CANCEL_REASON,
  checkAmendPatch,
  checkCancelBody,
  type CaptureFieldSpec,
} from './capture-fields';
export { checkShape as checkCaptureShape, type ShapeResult as CaptureShape } from './capture-request';
export { shippedReferenceLookup, type ReferenceLookup } from './reference-lookup';
export {
  bookFromReference,
  bookToReference,
  counterpartyFromReference,
  counterpartyToReference,
  instrumentFromReference,
  instrumentToReference,
  shippedReferenceRecords,
  type BondInstrumentRecord,
  type BookLimitsRecord,
  type BookRecord,
  type CounterpartyRecord,
  type EquityInstrumentRecord,
  type FxSpotInstrumentRecord,
  type InstrumentRecord,
} from './reference-record';
export { type UpsertContext, type UpsertValidation } from './reference-upsert';
export { validateInstrumentUpsert } from './instrument-upsert';
export { validateCounterpartyUpsert } from './counterparty-upsert';
export { validateBookUpsert } from './book-upsert';
export { holidayCalendar, type HolidayCalendarResult, type HolidayCalendarView } from './calendar-view';
export { formatTradeId, isRealDate, parseTradeId, type ParsedTradeId } from './trade-id';
export { toTradePayload, type TradeView } from './trade-view';
export {
  type TradeEconomics,
  type TradeInstrument,
  type TradeSide,
  type ValidatedTrade,
} from './validated-trade';
export {
  deriveTradeStatus,
  statusesAlong,
  TIMELINE_STEP_KINDS,
  type TimelineStep,
  type TimelineStepKind,
  type TradeHead,
} from './trade-timeline';
