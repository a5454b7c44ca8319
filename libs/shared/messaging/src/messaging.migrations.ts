import { DeadLetterTables1765000000000 } from './dead-letter-tables.migration';
import { MessagingTables1763800000000 } from './messaging-tables.migration';

/** The messaging tables every service's schema holds (outbox, inbox, dead letters), in order. */
export const MESSAGING_MIGRATIONS = [MessagingTables1763800000000, DeadLetterTables1765000000000];
