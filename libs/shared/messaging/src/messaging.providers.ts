import type { Provider } from '@nestjs/common';
import { EventValidator } from '@tradeflow/shared/contracts';
import { SqlDeadLetterRepository } from './dead-letter.repository';
import { SqlInboxRepository } from './inbox.repository';
import { Outbox } from './outbox';
import { SqlOutboxRepository, type OutboxRepository } from './outbox.repository';

/** The outbox's storage (an OutboxRepository), injected into Outbox. */
export const OUTBOX_REPOSITORY = Symbol('OUTBOX_REPOSITORY');
/** The inbox's storage (an InboxRepository), handed to the event consumers. */
export const INBOX_REPOSITORY = Symbol('INBOX_REPOSITORY');
/** Where dead letters are kept (a DeadLetterRepository), for the consumers and the dead-letter API. */
export const DEAD_LETTER_REPOSITORY = Symbol('DEAD_LETTER_REPOSITORY');

// The one place the messaging repositories are chosen (PlatformModule provides these to every
// service): a test or a wrapper that times them puts another in their place here.
export const MESSAGING_PROVIDERS: Provider[] = [
  { provide: OUTBOX_REPOSITORY, useClass: SqlOutboxRepository },
  { provide: INBOX_REPOSITORY, useClass: SqlInboxRepository },
  { provide: DEAD_LETTER_REPOSITORY, useClass: SqlDeadLetterRepository },
  {
    provide: Outbox,
    useFactory: (validator: EventValidator, repository: OutboxRepository) =>
      new Outbox(validator, repository),
    inject: [EventValidator, OUTBOX_REPOSITORY],
  },
];
