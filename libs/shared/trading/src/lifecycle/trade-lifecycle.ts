// The trade state machine of docs/architecture.md, as data: one table says which states each move
// accepts and where it leads, so the refusal reasons are derived from the same rules they explain.

export const TRADE_STATUSES = [
  'CAPTURED',
  'HELD',
  'APPROVED',
  'REJECTED',
  'CANCELLED',
  'CONFIRMED',
  'CLEARED',
  'INSTRUCTED',
  'SETTLED',
  'PARTIALLY_SETTLED',
  'FAILED',
] as const;
export type TradeStatus = (typeof TRADE_STATUSES)[number];

export const TRADE_MOVES = [
  'approve',
  'hold',
  'reject',
  'release',
  'confirm',
  'clear',
  'instruct',
  'settle',
  'partiallySettle',
  'fail',
  'amend',
  'cancel',
] as const;
export type TradeMove = (typeof TRADE_MOVES)[number];

export const TERMINAL_STATUSES: readonly TradeStatus[] = ['REJECTED', 'CANCELLED', 'SETTLED'];

/** Amend and cancel are allowed while the trade has not gone to clearing or settlement. */
const AMENDABLE: readonly TradeStatus[] = ['CAPTURED', 'HELD', 'APPROVED', 'CONFIRMED'];

interface MoveRule {
  readonly from: readonly TradeStatus[];
  readonly to: TradeStatus;
  /** Completes "a CANCELLED trade cannot …". */
  readonly cannot: string;
}

const RULES: Readonly<Record<TradeMove, MoveRule>> = {
  approve: { from: ['CAPTURED'], to: 'APPROVED', cannot: 'be approved' },
  hold: { from: ['CAPTURED'], to: 'HELD', cannot: 'be put on hold' },
  // Risk rejects at capture, or a risk officer rejects a held trade instead of releasing it.
  reject: { from: ['CAPTURED', 'HELD'], to: 'REJECTED', cannot: 'be rejected' },
  release: { from: ['HELD'], to: 'APPROVED', cannot: 'be released' },
  confirm: { from: ['APPROVED'], to: 'CONFIRMED', cannot: 'be confirmed' },
  clear: { from: ['CONFIRMED'], to: 'CLEARED', cannot: 'be cleared by a CCP' },
  instruct: { from: ['CONFIRMED'], to: 'INSTRUCTED', cannot: 'be instructed for settlement' },
  settle: {
    from: ['CLEARED', 'INSTRUCTED', 'PARTIALLY_SETTLED', 'FAILED'],
    to: 'SETTLED',
    cannot: 'settle',
  },
  partiallySettle: {
    from: ['INSTRUCTED', 'PARTIALLY_SETTLED', 'FAILED'],
    to: 'PARTIALLY_SETTLED',
    cannot: 'settle in part',
  },
  fail: { from: ['INSTRUCTED', 'PARTIALLY_SETTLED'], to: 'FAILED', cannot: 'fail' },
  amend: { from: AMENDABLE, to: 'CAPTURED', cannot: 'be amended' },
  cancel: { from: AMENDABLE, to: 'CANCELLED', cannot: 'be cancelled' },
};

export interface TradeState {
  readonly status: TradeStatus;
  readonly version: number;
}

export type TransitionResult =
  | { readonly ok: true; readonly status: TradeStatus; readonly version: number }
  | { readonly ok: false; readonly reason: string };

export const isTerminalStatus = (status: TradeStatus): boolean => TERMINAL_STATUSES.includes(status);

/** Moves a trade in this status accepts, in TRADE_MOVES order. */
export const allowedMoves = (status: TradeStatus): TradeMove[] =>
  TRADE_MOVES.filter((move) => RULES[move].from.includes(status));

const article = (word: string): string => (/^[AEIOU]/.test(word) ? 'an' : 'a');

const listOf = (statuses: readonly TradeStatus[]): string =>
  statuses.length === 1
    ? statuses[0]
    : `${statuses.slice(0, -1).join(', ')} or ${statuses[statuses.length - 1]}`;

const refusal = (status: TradeStatus, move: TradeMove): string => {
  const rule = RULES[move];
  const why =
    move === 'amend' || move === 'cancel'
      ? `amend and cancel are allowed while ${listOf(AMENDABLE)}`
      : isTerminalStatus(status)
        ? `${status} is final`
        : `only ${article(rule.from[0])} ${listOf(rule.from)} trade can ${rule.cannot}`;
  return `${article(status)} ${status} trade cannot ${rule.cannot}: ${why}`;
};

/**
 * Applies a move. A refused move changes nothing and says why; an amendment returns the trade to
 * CAPTURED as a new version, which goes through risk and confirmation again.
 */
export const transition = (trade: TradeState, move: TradeMove): TransitionResult => {
  const rule = (RULES as Partial<Record<string, MoveRule>>)[move];
  if (rule === undefined) {
    return { ok: false, reason: `'${String(move)}' is not a trade move` };
  }
  if (!TRADE_STATUSES.includes(trade.status)) {
    return { ok: false, reason: `'${String(trade.status)}' is not a trade status` };
  }
  if (!rule.from.includes(trade.status)) return { ok: false, reason: refusal(trade.status, move) };
  return {
    ok: true,
    status: rule.to,
    version: move === 'amend' ? trade.version + 1 : trade.version,
  };
};
