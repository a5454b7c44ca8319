import { randomBytes } from 'node:crypto';

/** Lower-case letters only: valid in schema, group and topic names alike. */
export function randomName(length = 8): string {
  return [...randomBytes(length)].map((b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('');
}
