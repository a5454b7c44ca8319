// The generator keeps the last millisecond and counter in module state; each test loads a fresh copy so
// the timestamps it passes are not pushed forward by an earlier test.
async function freshNewEventId(): Promise<(now?: number) => string> {
  jest.resetModules();
  const { newEventId } = await import('./event-id');
  return newEventId;
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The first 48 bits (12 hex digits) of a UUID, as milliseconds. */
function timestampOf(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

function expectStrictlyIncreasing(ids: string[]): void {
  for (let i = 1; i < ids.length; i++) {
    if (!(ids[i - 1]! < ids[i]!)) {
      throw new Error(`id #${i} ${ids[i]} does not sort after #${i - 1} ${ids[i - 1]}`);
    }
  }
}

describe('newEventId', () => {
  it('has the RFC 9562 UUID v7 layout: version nibble 7 and variant bits 10', async () => {
    const newEventId = await freshNewEventId();
    for (let i = 0; i < 200; i++) {
      const id = newEventId();
      expect(id).toMatch(UUID_V7);
      const hex = id.replace(/-/g, '');
      expect(hex).toHaveLength(32);
      expect(hex[12]).toBe('7');
      // The variant is the two top bits of byte 8: 0b10xx, i.e. hex digit 8, 9, a or b.
      expect(Number.parseInt(hex[16]!, 16) >> 2).toBe(0b10);
    }
  });

  it('puts the given millisecond timestamp in the first 48 bits', async () => {
    const newEventId = await freshNewEventId();
    // 2026-11-20T14:31:07.123Z by hand: 1970..2025 is 56 years with 14 leap days = 20454 days;
    // 1 Jan to 20 Nov 2026 is 31+28+31+30+31+30+31+31+30+31+19 = 323 days; 20777 days * 86400 s
    // = 1795132800 s, + 14:31:07 (52267 s) = 1795185067 s, + 123 ms = 1795185067123 ms = 0x01a1f95e4473.
    const now = Date.parse('2026-11-20T14:31:07.123Z');
    expect(now).toBe(1795185067123);
    const id = newEventId(now);
    expect(id.startsWith('01a1f95e-4473-7')).toBe(true);
    expect(timestampOf(id)).toBe(1795185067123);
  });

  it('keeps the timestamp of each later millisecond it is given', async () => {
    const newEventId = await freshNewEventId();
    expect(newEventId(0x0123456789ab).slice(0, 13)).toBe('01234567-89ab');
    expect(newEventId(0x0123456789ac).slice(0, 13)).toBe('01234567-89ac');
    expect(newEventId(0xffffffffffff).slice(0, 13)).toBe('ffffffff-ffff');
  });

  it('makes unique, strictly increasing ids in a tight loop on the real clock', async () => {
    const newEventId = await freshNewEventId();
    const ids = Array.from({ length: 20_000 }, () => newEventId());
    expect(new Set(ids).size).toBe(20_000);
    expectStrictlyIncreasing(ids);
  });

  it('stays unique and increasing past 4096 ids in one millisecond, borrowing the next milliseconds', async () => {
    const newEventId = await freshNewEventId();
    const now = Date.parse('2026-11-20T14:31:07.123Z');
    const ids = Array.from({ length: 10_000 }, () => newEventId(now));
    expect(new Set(ids).size).toBe(10_000);
    expectStrictlyIncreasing(ids);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(timestampOf(ids[0]!)).toBe(now);
    // The 12-bit counter holds 4096 ids per millisecond. The first millisecond starts it at a random
    // value below 2048, so holds 2049 to 4096 ids; the borrowed ones start at 0 and hold 4096 each.
    // 10000 ids therefore end in the third millisecond whatever the random start.
    expect(timestampOf(ids[ids.length - 1]!)).toBe(now + 2);
    expect(new Set(ids.map(timestampOf))).toEqual(new Set([now, now + 1, now + 2]));
    // The clock then catching up with the borrowed millisecond does not go back.
    const next = newEventId(now + 1);
    expect(next > ids[ids.length - 1]!).toBe(true);
  });

  it('never goes back when the clock does', async () => {
    const newEventId = await freshNewEventId();
    const now = Date.parse('2026-11-20T14:31:07.123Z');
    const first = newEventId(now);
    const afterClockStep = newEventId(now - 60_000);
    expect(afterClockStep > first).toBe(true);
    expect(timestampOf(afterClockStep)).toBe(now);
  });
});
