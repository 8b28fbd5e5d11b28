import { describeCron, maxIntervalSeconds, minIntervalSeconds, toAwsScheduleExpression, toHbrSchedule, validateCron } from '../../lib/core/cron';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('validateCron', () => {
  test.each([
    '0 3 * * *',
    '*/15 * * * *',
    '0 0-23/6 * * *',
    '30 2 * * 1-5',
    '30 2 * * MON-FRI',
    '0 3 * * sun',
    '0 3 * * 7',
    '0 3 * * 5-7',
    '0 0 1 * *',
    '0 0 1,15 JAN,jul *',
    '0 0 1 1-12/3 *',
    '0 0 29 2 *',
    '  0   3  *  *  *  ',
    '0,30 8-18 * * 1-5',
  ])('accepts %p', (expr) => {
    expect(validateCron(expr)).toBeUndefined();
  });

  test.each([
    ['0 3 * *', /5 fields.*got 4/],
    ['0 3 * * * *', /5 fields.*got 6/],
    ['cron(0 3 * * ? *)', /not an AWS cron/],
    ['', /got 0/],
    ['60 3 * * *', /minute field "60": 60 is outside the allowed range 0-59/],
    ['0 24 * * *', /hour field "24".*0-23/],
    ['0 3 0 * *', /day-of-month field "0".*1-31/],
    ['0 3 32 * *', /day-of-month field "32".*1-31/],
    ['0 3 * 13 *', /month field "13".*1-12 or JAN-DEC/],
    ['0 3 * * 8', /day-of-week field "8".*0-7 or SUN-SAT/],
    ['0 3 * * MONDAY', /day-of-week field "MONDAY": "MONDAY" is not a number or name/],
    ['0 3 * FOO *', /month field "FOO"/],
    ['x 3 * * *', /minute field "x": "x" is not a number \(/],
    ['*/0 * * * *', /minute field "\*\/0": step "0" must be a whole number ≥ 1/],
    ['*/a * * * *', /step "a"/],
    ['0/15 * * * *', /needs \* or a range before "\/"/],
    ['0 5-2 * * *', /hour field "5-2": range "5-2" runs backwards/],
    ['0 1-2-3 * * *', /is not a value or a range/],
    ['0 1,,2 * * *', /empty list item/],
    ['0 */2/3 * * *', /more than one "\/"/],
    ['-1 3 * * *', /minute field "-1"/],
    ['0 3 1 * 1', /day-of-month \("1"\) and day-of-week \("1"\) are both restricted.*"\?"/],
    ['0 3 1-31 * 1-5', /both restricted/],
    ['0 3 */2 * MON', /both restricted/],
    ['0 0 31 2 *', /day-of-month field "31" never occurs in month field "2"/],
    ['0 0 30,31 FEB *', /never run/],
  ])('rejects %p', (expr, reason) => {
    expect(validateCron(expr)).toMatch(reason);
  });

  test('rejects a value that is not a string', () => {
    expect(validateCron(42 as unknown as string)).toMatch(/must be a string/);
  });
});

describe('toAwsScheduleExpression', () => {
  test.each([
    ['0 3 * * *', 'cron(0 3 * * ? *)'],
    ['30 2 * * 1-5', 'cron(30 2 ? * 2-6 *)'],
    ['30 2 * * MON-FRI', 'cron(30 2 ? * 2-6 *)'],
    ['0 3 * * 0', 'cron(0 3 ? * 1 *)'],
    ['0 3 * * 7', 'cron(0 3 ? * 1 *)'],
    ['0 3 * * SAT', 'cron(0 3 ? * 7 *)'],
    ['0 3 * * 5-7', 'cron(0 3 ? * 1,6-7 *)'],
    ['0 3 * * */2', 'cron(0 3 ? * 1,3,5,7 *)'],
    ['0 3 * * 0-6', 'cron(0 3 ? * * *)'],
    ['0 0 1 * *', 'cron(0 0 1 * ? *)'],
    ['0 0 1,15 * *', 'cron(0 0 1,15 * ? *)'],
    ['0 0 1 JAN,JUL *', 'cron(0 0 1 1,7 ? *)'],
    ['0 0 1 */3 *', 'cron(0 0 1 1/3 ? *)'],
    ['*/15 * * * *', 'cron(0/15 * * * ? *)'],
    ['5-59/10 * * * *', 'cron(5/10 * * * ? *)'],
    ['0 */6 * * *', 'cron(0 0/6 * * ? *)'],
    ['0 3,15 * * *', 'cron(0 3,15 * * ? *)'],
    ['0,30 8-18 * * *', 'cron(0,30 8-18 * * ? *)'],
    ['0 0 */2 * *', 'cron(0 0 1/2 * ? *)'],
    ['0 0 1-31 * *', 'cron(0 0 * * ? *)'],
  ])('%p → %p', (expr, aws) => {
    expect(toAwsScheduleExpression(expr)).toBe(aws);
  });

  test('throws with the reason for an invalid expression', () => {
    expect(() => toAwsScheduleExpression('0 3 1 * 1')).toThrow(/Invalid cron expression "0 3 1 \* 1": .*both restricted/);
  });
});

describe('maxIntervalSeconds and minIntervalSeconds', () => {
  test.each([
    ['0 3 * * *', DAY, DAY],
    ['0 * * * *', HOUR, HOUR],
    ['0 3 * * 1', 7 * DAY, 7 * DAY],
    ['0 0 1 * *', 31 * DAY, 28 * DAY],
    ['0 3,15 * * *', 12 * HOUR, 12 * HOUR],
    ['0 1,23 * * *', 22 * HOUR, 2 * HOUR],
    ['*/15 * * * *', 15 * 60, 15 * 60],
    ['0 2 * * 1-5', 3 * DAY, DAY],
    ['0 9-17 * * 1-5', (2 * 24 + 16) * HOUR, HOUR],
    ['0 0 1 1 *', 366 * DAY, 365 * DAY],
    ['0 0 31 * *', 61 * DAY, 31 * DAY],
    ['0 0 1 */3 *', 92 * DAY, 90 * DAY],
  ])('%p: longest %p s, shortest %p s', (expr, longest, shortest) => {
    expect(maxIntervalSeconds(expr)).toBe(longest);
    expect(minIntervalSeconds(expr)).toBe(shortest);
  });

  test('a leap-day schedule skips 2100 (8 years between runs)', () => {
    expect(maxIntervalSeconds('0 0 29 2 *')).toBe((8 * 365 + 1) * DAY);
    expect(minIntervalSeconds('0 0 29 2 *')).toBe((4 * 365 + 1) * DAY);
  });

  test('the 13th falling on a Friday is not restricted twice, only by day of month', () => {
    expect(maxIntervalSeconds('0 0 13 * *')).toBe(31 * DAY);
  });

  test('throws for an invalid expression', () => {
    expect(() => maxIntervalSeconds('0 3 * *')).toThrow(/5 fields/);
    expect(() => minIntervalSeconds('61 3 * * *')).toThrow(/minute/);
  });
});

describe('describeCron', () => {
  test.each([
    ['0 3 * * *', 'at 03:00 UTC, every day'],
    ['30 2 * * 1-5', 'at 02:30 UTC, Monday to Friday'],
    ['0 3,15 * * *', 'at 03:00, 15:00 UTC, every day'],
    ['0 * * * *', 'every hour at minute 0 UTC, every day'],
    ['0 0 1 * *', 'at 00:00 UTC, on day 1 of the month'],
    ['0 0 1 JAN,JUL *', 'at 00:00 UTC, on day 1 of the month in Jan, Jul'],
    ['0 3 * * 0,6', 'at 03:00 UTC, Sunday, Saturday'],
    ['*/20 8-17 * * *', 'at minute 0, 20, 40 of hour 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 UTC, every day'],
  ])('%p reads %p', (expr, text) => {
    expect(describeCron(expr)).toBe(text);
  });
});

describe('toHbrSchedule', () => {
  // 2025-01-01T00:00:00Z, a Wednesday: the reference before which no first run is placed.
  const ANCHOR = 1735689600;

  test.each([
    ['0 3 * * *', `I|${ANCHOR + 3 * HOUR}|P1D`],
    ['30 2 * * *', `I|${ANCHOR + 2 * HOUR + 30 * 60}|P1D`],
    ['0 * * * *', `I|${ANCHOR}|PT1H`],
    ['15 */6 * * *', `I|${ANCHOR + 15 * 60}|PT6H`],
    ['0,30 * * * *', `I|${ANCHOR}|PT30M`],
    ['0 3,15 * * *', `I|${ANCHOR + 3 * HOUR}|PT12H`],
    // The first Sunday after the anchor is 2025-01-05.
    ['0 3 * * 0', `I|${ANCHOR + 4 * DAY + 3 * HOUR}|P7D`],
    ['0 3 * * SUN', `I|${ANCHOR + 4 * DAY + 3 * HOUR}|P7D`],
    ['0 3 * * 3', `I|${ANCHOR + 3 * HOUR}|P7D`],
    ['0 3 1 * *', `I|${ANCHOR + 3 * HOUR}|P1M`],
    ['0 4 15 * *', `I|${ANCHOR + 14 * DAY + 4 * HOUR}|P1M`],
  ])('maps %p to %p', (expr, schedule) => {
    expect(toHbrSchedule(expr)).toBe(schedule);
  });

  test('is the same on every call (no clock in it)', () => {
    expect(toHbrSchedule('0 3 * * *')).toBe(toHbrSchedule('0 3 * * *'));
  });

  test.each([
    ['0 3 * * 1-5', /1440 to 4320 minutes apart.*one fixed interval/],
    ['0 */5 * * *', /240 to 300 minutes apart/],
    ['0 3,9 * * *', /360 to 1080 minutes apart/],
    ['0 3 31 * *', /day 31 does not occur in every month/],
    ['0 3 1 1 *', /minutes apart/],
    ['0 3 1,15 * *', /minutes apart/],
    ['not a cron', /Invalid cron expression/],
  ])('rejects %p', (expr, message) => {
    expect(() => toHbrSchedule(expr)).toThrow(message);
  });
});
