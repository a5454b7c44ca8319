export interface Holiday {
  /** 'YYYY-MM-DD', always a weekday: a holiday on a weekend with no substitute changes nothing. */
  readonly date: string;
  readonly name: string;
}

/** A holiday as the rules produce it: a day number and its name. */
export interface HolidayDay {
  readonly day: number;
  readonly name: string;
}
