import type { TradeStatus } from '@tradeflow/shared/trading';

/** A step of a trade's life as another office reported it (or trade-capture itself). */
export const TIMELINE_STEP_KINDS = [
  'CAPTURED',
  'AMENDED',
  'CANCELLED',
  'HELD',
  'APPROVED',
  'REJECTED',
  'CONFIRMED',
  'CLEARED',
  'BILATERAL',
  'NETTED',
  'INSTRUCTED',
  'PARTIALLY_SETTLED',
  'FAILED',
  'SETTLED',
] as const;
export type TimelineStepKind = (typeof TIMELINE_STEP_KINDS)[number];

/** What status derivation needs of a step; the timeline stores more (actor, summary, facts). */
export interface TimelineStep {
  readonly kind: TimelineStepKind;
  /** The trade version the step is about; absent for settlement results (they name an instruction). */
  readonly version?: number;
  readonly occurredAt: string;
  /** NETTED: the obligation the trade went into; INSTRUCTED: the obligation instructed, if any. */
  readonly obligationId?: string;
  /** INSTRUCTED, SETTLED, PARTIALLY_SETTLED, FAILED. */
  readonly instructionId?: string;
  /** NETTED: whether the netting run was final (a later run may replace a provisional one). */
  readonly final?: boolean;
  /** NETTED: a securities (per ISIN) or a cash (per currency) obligation. */
  readonly obligationKind?: 'SECURITIES' | 'CASH';
}

/** What the trade record itself says: its current version, and whether trade-capture cancelled it. */
export interface TradeHead {
  readonly version: number;
  readonly cancelled: boolean;
}

/**
 * The trade's status from the set of steps seen so far, whatever order they arrived in: events come on
 * different topics and partitions, so a settlement can arrive before its instruction. Steps about an
 * older version are superseded by an amendment. A CCP trade is SETTLED once its securities and its cash
 * obligations are both known and every obligation it went into has settled in full; a
 * bilateral one follows its own instruction.
 */
export function deriveTradeStatus(steps: readonly TimelineStep[], head: TradeHead): TradeStatus {
  if (head.cancelled || steps.some((s) => s.kind === 'CANCELLED')) return 'CANCELLED';
  const current = steps.filter((s) => s.version === head.version);
  const has = (kind: TimelineStepKind) => current.some((s) => s.kind === kind);
  if (has('REJECTED')) return 'REJECTED';

  const fullySettled = new Set(
    steps.filter((s) => s.kind === 'SETTLED' && s.instructionId).map((s) => s.instructionId!),
  );
  if (has('CLEARED')) return ccpTradeSettled(steps, current, fullySettled) ? 'SETTLED' : 'CLEARED';

  // Bilateral: the instruction made for this version, and what happened to it.
  const instructions = new Set(
    current
      .filter((s) => s.kind === 'INSTRUCTED' && s.instructionId && !s.obligationId)
      .map((s) => s.instructionId!),
  );
  if (instructions.size > 0) {
    if ([...instructions].some((id) => fullySettled.has(id))) return 'SETTLED';
    const results = steps
      .filter(
        (s) =>
          (s.kind === 'FAILED' || s.kind === 'PARTIALLY_SETTLED') &&
          s.instructionId !== undefined &&
          instructions.has(s.instructionId),
      )
      .sort(byTimeThenKind);
    const latest = results[results.length - 1];
    return latest ? (latest.kind as 'FAILED' | 'PARTIALLY_SETTLED') : 'INSTRUCTED';
  }
  if (has('CONFIRMED')) return 'CONFIRMED';
  if (has('APPROVED')) return 'APPROVED';
  if (has('HELD')) return 'HELD';
  return 'CAPTURED';
}

function ccpTradeSettled(
  steps: readonly TimelineStep[],
  current: readonly TimelineStep[],
  fullySettled: ReadonlySet<string>,
): boolean {
  const netted = current.filter((s) => s.kind === 'NETTED' && s.obligationId);
  // A final netting run replaces provisional ones; until one is final, count what we have.
  const counted = netted.some((s) => s.final) ? netted.filter((s) => s.final) : netted;
  // A CCP trade goes into one securities and one cash obligation. Their netted events are
  // keyed by obligation, so they arrive in any order: until both are in, the trade cannot be settled.
  const kinds = new Set(counted.map((s) => s.obligationKind));
  if (!kinds.has('SECURITIES') || !kinds.has('CASH')) return false;
  const obligations = new Set(counted.map((s) => s.obligationId!));
  // An obligation's instruction names no trade version: the obligation id ties it to this one.
  const settledObligations = new Set(
    steps
      .filter((s) => s.kind === 'INSTRUCTED' && s.obligationId && fullySettled.has(s.instructionId ?? ''))
      .map((s) => s.obligationId!),
  );
  return [...obligations].every((id) => settledObligations.has(id));
}

// A fail and a partial settlement at the same instant: the partial one is the later news.
const RESULT_ORDER: Partial<Record<TimelineStepKind, number>> = { FAILED: 0, PARTIALLY_SETTLED: 1 };
function byTimeThenKind(a: TimelineStep, b: TimelineStep): number {
  const at = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  return at !== 0 ? at : (RESULT_ORDER[a.kind] ?? 0) - (RESULT_ORDER[b.kind] ?? 0);
}

/**
 * The status after each step, reading the steps in story order (as given): what a reader of the
 * timeline expects, whatever order the events happened to arrive in. The version in force at each step
 * is the latest booked or amended one so far.
 */
export function statusesAlong(steps: readonly TimelineStep[]): TradeStatus[] {
  let version = 1;
  return steps.map((step, i) => {
    if ((step.kind === 'CAPTURED' || step.kind === 'AMENDED') && step.version !== undefined) {
      version = Math.max(version, step.version);
    }
    return deriveTradeStatus(steps.slice(0, i + 1), { version, cancelled: false });
  });
}
