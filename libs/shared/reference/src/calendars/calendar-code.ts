export type CalendarCode = 'US' | 'TARGET2' | 'UK';

export const CALENDAR_CODES: readonly CalendarCode[] = ['US', 'TARGET2', 'UK'];
