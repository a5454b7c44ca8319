import fc from 'fast-check';
import { KeysetCursor, MAX_CURSOR_LENGTH, textKeyCursor } from './keyset-cursor';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

interface Pair {
  at: string;
  id: string;
}
/** A two-value key with a range check, like the trades list's (instant, trade id). */
const pairs = new KeysetCursor<Pair>({
  tag: 'pairs.v1',
  arity: 2,
  toParts: (k) => [k.at, k.id],
  fromParts: ([at, id]) =>
    /^\d{2}:\d{2}$/.test(at!) && Number(at!.slice(0, 2)) < 24 ? { at: at!, id: id! } : undefined,
});
const refs = textKeyCursor('refs.v1');

describe('KeysetCursor', () => {
  it('spells a key as base64url of [tag, ...values] and reads it back', () => {
    expect(refs.encode('US0378331005')).toBe(b64('["refs.v1","US0378331005"]'));
    expect(refs.decode(b64('["refs.v1","US0378331005"]'))).toBe('US0378331005');
    expect(pairs.decode(b64('["pairs.v1","10:30","T-1"]'))).toEqual({ at: '10:30', id: 'T-1' });
  });

  it.each([
    ['a cursor of another layout version', b64('["refs.v2","US0378331005"]')],
    ['a cursor of another list', b64('["pairs.v1","US0378331005"]')],
    ['no tag', b64('["US0378331005"]')],
    ['too many values', b64('["refs.v1","US0378331005","x"]')],
    ['a number for a value', b64('["refs.v1",5]')],
    ['null for a value', b64('["refs.v1",null]')],
    ['an object', b64('{"tag":"refs.v1","key":"US0378331005"}')],
    ['a NUL, raw (azoA is "k:" and a NUL)', 'azoA'],
    ['a NUL inside the JSON', b64('["refs.v1","US\\u0000"]')],
    ['a line feed inside the JSON', b64('["refs.v1","US\\n"]')],
    ['a lone surrogate', b64('["refs.v1","\\ud800"]')],
    ['a space in the JSON', b64('["refs.v1", "US0378331005"]')],
    ['padding', `${b64('["refs.v1","US0378331005"]')}=`],
    ['a stray character', `${b64('["refs.v1","US0378331005"]')}!`],
    ['standard base64 for base64url', Buffer.from('["refs.v1","ÿ?>"]').toString('base64')],
    ['the empty string', ''],
    ['garbage', 'not-a-cursor!!'],
    ['base64 of garbage', b64('hello')],
    ['too long', b64(`["refs.v1","${'x'.repeat(MAX_CURSOR_LENGTH)}"]`)],
  ])('refuses %s', (_, text) => {
    expect(refs.decode(text)).toBeUndefined();
  });

  it('refuses what the list’s range check refuses, and a tampered cursor', () => {
    expect(pairs.decode(b64('["pairs.v1","99:30","T-1"]'))).toBeUndefined();
    const good = pairs.encode({ at: '10:30', id: 'T-1' });
    const tampered = `${good.slice(0, 5)}${good[5] === 'A' ? 'B' : 'A'}${good.slice(6)}`;
    expect(pairs.decode(tampered)).toBeUndefined();
  });

  it.each([undefined, 5, ['a', 'b'], { a: 1 }])('refuses %p, which is not text', (value) => {
    expect(refs.decode(value)).toBeUndefined();
  });

  it('gives back exactly the key values it was given, whatever they are', () => {
    // Keys the database holds: no control characters, no lone surrogates (those are refused above).
    const part = fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !/[\p{Cc}\p{Cs}]/u.test(s));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) => fc.array(part, { minLength: n, maxLength: n })),
        (parts) => {
          const cursor = new KeysetCursor<readonly string[]>({
            tag: 'any.v1',
            arity: parts.length,
            toParts: (k) => k,
            fromParts: (p) => p,
          });
          expect(cursor.decode(cursor.encode(parts))).toEqual(parts);
        },
      ),
    );
  });
});
