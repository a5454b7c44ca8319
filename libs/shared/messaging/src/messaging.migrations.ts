import { DeadLetterTables1765000000000 } from './dead-letter-tables.migration';
import { MessagingInboxRetention1764100000000 } from './inbox-retention.migration';
import { MessagingTables1763800000000 } from './messaging-tables.migration';

/** The messaging tables every service's schema holds (outbox, inbox and its pruning index, dead letters), in order. */
export const MESSAGING_MIGRATIONS = [
  MessagingTables1763800000000,
  MessagingInboxRetention1764100000000,
  DeadLetterTables1765000000000,
];
