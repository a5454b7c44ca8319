// Integration tests talk to a real broker and real processes: give them time (never a pass/fail on time).
jest.setTimeout(120000);
