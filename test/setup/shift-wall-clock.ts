// Setup file of the unit project. With CONNECT_DEVTOOLS_SHIFT_DAYS=N every test file runs with the wall clock N
// days ahead, so a test (or code) that only passes on today's date fails here instead of on some later day.
import { installShiftedDate, shiftDaysFromEnv } from './shifted-date.ts';

const days = shiftDaysFromEnv(process.env);
if (days !== 0) installShiftedDate(days);
