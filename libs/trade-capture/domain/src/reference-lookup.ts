import {
  bookByCode,
  counterpartyByLei,
  instrumentById,
  type Book,
  type Counterparty,
  type Instrument,
} from '@tradeflow/shared/reference';

/**
 * What validation needs from reference data. An interface, so the service can answer from its own
 * database copy (admins edit reference data at run time) while tests use the shipped set.
 */
export interface ReferenceLookup {
  instrument(instrumentId: string): Instrument | undefined;
  counterparty(lei: string): Counterparty | undefined;
  book(bookCode: string): Book | undefined;
}

/** The shipped `REFERENCE_DATA`, as loaded at first start. */
export const shippedReferenceLookup: ReferenceLookup = {
  instrument: instrumentById,
  counterparty: counterpartyByLei,
  book: bookByCode,
};
