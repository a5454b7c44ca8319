// Examples for the OpenAPI document (/api/docs): what a caller sends and gets back, written out by hand.
/** What a trader sends to book 1,000 Apple on Nasdaq. */
const BOOKING = {
  book: 'EQ-US-FLOW',
  side: 'BUY',
  instrumentId: 'US0378331005',
  quantity: '1000',
  price: '190.25',
  counterpartyLei: 'W22LROWP2IHZNBB6K528',
  tradeDate: '2026-11-20',
  venueMic: 'XNAS',
  commission: '12.50',
};

/** What comes back: the booking with its id, version, derived fields and amounts. */
const TRADE = {
  tradeId: 'T-20261120-000123',
  version: 1,
  ...BOOKING,
  trader: 'alice',
  instrumentType: 'EQUITY',
  currency: 'USD',
  settlementDate: '2026-11-23',
  grossAmount: '190250.00',
  netAmount: '190262.50',
  status: 'CAPTURED',
};

const problem = (status: number, title: string, detail: string, errors?: object[]) => ({
  type: `https://tradeflow.dev/problems/${title.toLowerCase().replace(/ /g, '-')}`,
  title,
  status,
  detail,
  instance: '/api/trades',
  ...(errors ? { errors } : {}),
});

export const EXAMPLES = {
  booking: BOOKING,
  trade: TRADE,
  cancelled: { ...TRADE, status: 'CANCELLED' },
  page: {
    items: [TRADE],
    nextCursor: 'WyJ0cmFkZXMudjEiLCIyMDI2LTExLTIwVDE0OjMxOjA3LjEyMzQ1NloiLCJULTIwMjYxMTIwLTAwMDEyMyJd',
  },
  timeline: {
    tradeId: TRADE.tradeId,
    status: 'HELD',
    steps: [
      {
        seq: '41',
        tradeId: TRADE.tradeId,
        book: 'EQ-US-FLOW',
        step: 'CAPTURED',
        event: 'trade.captured',
        eventId: '0193a1f2-6b1e-7c3a-9d2e-1f0a2b3c4d5e',
        producer: 'trade-capture',
        version: 1,
        occurredAt: '2026-11-20T14:31:07.123Z',
        recordedAt: '2026-11-20T14:31:07.123Z',
        actor: { id: 'alice', role: 'trader' },
        summary: 'booked by alice: BUY 1000 US0378331005 at 190.25 USD, net 190262.50, settling 2026-11-23',
        facts: { side: 'BUY', quantity: '1000', price: '190.25', netAmount: '190262.50' },
        statusAfter: 'CAPTURED',
      },
      {
        seq: '42',
        tradeId: TRADE.tradeId,
        book: 'EQ-US-FLOW',
        step: 'HELD',
        event: 'trade.held',
        eventId: '0193a1f2-6c02-7d11-8e4f-2a1b3c4d5e6f',
        producer: 'risk-compliance',
        version: 1,
        occurredAt: '2026-11-20T14:31:07.420Z',
        recordedAt: '2026-11-20T14:31:07.431Z',
        actor: { id: 'risk-compliance', role: 'service' },
        summary:
          'held by risk: MAX_TRADE_NOTIONAL: notional 31,500,000.00 USD above the book limit of 25,000,000.00',
        facts: {
          reasons: [
            {
              code: 'MAX_TRADE_NOTIONAL',
              outcome: 'HOLD',
              detail: 'notional 31,500,000.00 USD above the book limit of 25,000,000.00',
              limit: '25000000',
              usageBefore: '0',
              usageAfter: '31500000',
            },
          ],
        },
        statusBefore: 'CAPTURED',
        statusAfter: 'HELD',
      },
    ],
  },
  badRequest: problem(400, 'Bad request', 'the request is malformed', [
    { field: 'quantity', message: 'quantity must be a string (decimals travel as strings), got a number' },
  ]),
  unprocessable: problem(422, 'Unprocessable entity', 'the trade breaks a rule; see errors', [
    { field: 'counterpartyLei', message: 'counterpartyLei 5493001KJTIIGC8Y1R12 is not a known counterparty' },
  ]),
  conflict: problem(
    409,
    'Conflict',
    'a CLEARED trade cannot be amended: amend and cancel are allowed while CAPTURED, HELD, APPROVED or CONFIRMED',
  ),
  stale: problem(412, 'Precondition failed', 'the trade is at version 2, not 1: read it again', [
    { field: 'If-Match', message: 'is "1", the current version is "2"' },
  ]),
  notFound: problem(404, 'Not found', 'no trade T-20261120-000123'),
  unavailable: problem(503, 'Service unavailable', 'too many captures are waiting; retry shortly'),
};
