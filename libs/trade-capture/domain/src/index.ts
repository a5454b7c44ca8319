// Public API of @tradeflow/trade-capture/domain.
export {
  OPTIONAL_CAPTURE_FIELDS,
  REQUIRED_CAPTURE_FIELDS,
  validateCaptureRequest,
  type CaptureContext,
  type CaptureErrorStatus,
  type CaptureField,
  type CapturePrincipal,
  type CaptureRequest,
  type CaptureValidation,
  type FieldError,
} from './capture-request';
export { shippedReferenceLookup, type ReferenceLookup } from './reference-lookup';
export { formatTradeId, parseTradeId, type ParsedTradeId } from './trade-id';
export { toTradePayload, type TradeView } from './trade-view';
export {
  type TradeEconomics,
  type TradeInstrument,
  type TradeSide,
  type ValidatedTrade,
} from './validated-trade';
