// Standard 5-field cron (`minute hour day-of-month month day-of-week`, UTC): validation, translation
// to the 6-field AWS form, and the gaps between runs (the recovery point objective of a backup
// schedule). Cloud-neutral: no provider import.

/** One field of a cron expression: its name, its range and the names it accepts. */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names for the values min, min+1, ... (JAN = 1, SUN = 0). */
  readonly names?: readonly string[];
  /** How the allowed values read in an error message. */
  readonly allowed: string;
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59, allowed: '0-59' },
  { name: 'hour', min: 0, max: 23, allowed: '0-23' },
  { name: 'day-of-month', min: 1, max: 31, allowed: '1-31' },
  {
    name: 'month', min: 1, max: 12, allowed: '1-12 or JAN-DEC',
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  {
    name: 'day-of-week', min: 0, max: 7, allowed: '0-7 or SUN-SAT, 0 and 7 are Sunday',
    names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
  },
];

const SYNTAX = '*, a number or name, a-b, a,b, */n or a-b/n';

/** The longest month of each month of the year (February in a leap year). */
const MAX_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const MINUTES_PER_DAY = 24 * 60;

/** A parsed expression: the sorted values each field matches. */
interface ParsedCron {
  readonly fields: readonly string[];
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  /** 0-6, Sunday = 0 (a 7 in the expression is folded onto 0). */
  readonly daysOfWeek: readonly number[];
  /** The day-of-month field is anything but `*`. */
  readonly dayOfMonthRestricted: boolean;
  /** The day-of-week field is anything but `*`. */
  readonly dayOfWeekRestricted: boolean;
}

/**
 * Checks a standard 5-field cron expression (`minute hour day-of-month month day-of-week`, UTC).
 *
 * Each field takes `*`, numbers, ranges `a-b`, lists `a,b`, steps `*\/n` and `a-b/n`; months also
 * take JAN-DEC and weekdays SUN-SAT (0 and 7 are Sunday). Day-of-month and day-of-week cannot both
 * be restricted: standard cron then runs when either matches, which an AWS schedule cannot express.
 *
 * @returns undefined when the expression is valid, else the reason, naming the field and its allowed range.
 */
export function validateCron(expr: string): string | undefined {
  const parsed = parseCron(expr);
  return typeof parsed === 'string' ? parsed : undefined;
}

/**
 * Translates a standard 5-field cron expression into an AWS schedule expression
 * `cron(minute hour day-of-month month day-of-week year)`, as AWS Backup and EventBridge take it:
 * exactly one of day-of-month and day-of-week is `?`, weekdays are 1-7 = SUN-SAT.
 *
 * @example toAwsScheduleExpression('30 2 * * 1-5') === 'cron(30 2 ? * 2-6 *)'
 * @throws Error when {@link validateCron} rejects the expression.
 */
export function toAwsScheduleExpression(expr: string): string {
  const cron = parseOrThrow(expr);
  const minute = compactList(cron.minutes, FIELDS[0], true);
  const hour = compactList(cron.hours, FIELDS[1], true);
  const month = compactList(cron.months, FIELDS[3], true);
  let dayOfMonth = '?';
  let dayOfWeek = '?';
  if (cron.dayOfWeekRestricted) {
    // AWS numbers weekdays 1-7 from Sunday, and its day-of-week field takes no `/` step.
    dayOfWeek = compactList(cron.daysOfWeek.map((d) => d + 1), { ...FIELDS[4], min: 1, max: 7 }, false);
  } else {
    dayOfMonth = compactList(cron.daysOfMonth, FIELDS[2], true);
  }
  return `cron(${minute} ${hour} ${dayOfMonth} ${month} ${dayOfWeek} *)`;
}

/**
 * The longest gap, in seconds, between two consecutive runs of a cron expression: the recovery
 * point objective of a backup on that schedule. Exact over the 400-year Gregorian cycle (leap
 * years and weekdays included), e.g. 86400 for `0 3 * * *`, 2678400 (31 days) for `0 0 1 * *`.
 *
 * @throws Error when {@link validateCron} rejects the expression.
 */
export function maxIntervalSeconds(expr: string): number {
  return runGapsInMinutes(parseOrThrow(expr)).longest * 60;
}

/**
 * The shortest gap, in seconds, between two consecutive runs of a cron expression (AWS Backup,
 * for one, refuses schedules that run more often than hourly).
 *
 * @throws Error when {@link validateCron} rejects the expression.
 */
export function minIntervalSeconds(expr: string): number {
  return runGapsInMinutes(parseOrThrow(expr)).shortest * 60;
}

/**
 * A short English reading of a cron expression, e.g. `at 02:30 UTC, Monday to Friday`.
 *
 * @throws Error when {@link validateCron} rejects the expression.
 */
export function describeCron(expr: string): string {
  const cron = parseOrThrow(expr);
  const pad = (n: number) => String(n).padStart(2, '0');
  let times: string;
  if (cron.minutes.length * cron.hours.length <= 6) {
    times = `at ${cron.hours.flatMap((h) => cron.minutes.map((m) => `${pad(h)}:${pad(m)}`)).join(', ')} UTC`;
  } else if (cron.hours.length === 24) {
    times = `every hour at minute ${cron.minutes.join(', ')} UTC`;
  } else {
    times = `at minute ${cron.minutes.join(', ')} of hour ${cron.hours.join(', ')} UTC`;
  }
  let days = 'every day';
  if (cron.dayOfWeekRestricted && cron.daysOfWeek.length < 7) {
    const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    days = runsOf(cron.daysOfWeek)
      .map(([from, to]) => (from === to ? weekdays[from] : `${weekdays[from]} to ${weekdays[to]}`))
      .join(', ');
  } else if (cron.dayOfMonthRestricted && cron.daysOfMonth.length < 31) {
    days = `on day ${cron.daysOfMonth.join(', ')} of the month`;
  }
  const monthNames = FIELDS[3].names!;
  const months = cron.months.length < 12 ? ` in ${cron.months.map((m) => capitalize(monthNames[m - 1])).join(', ')}` : '';
  return `${times}, ${days}${months}`;
}

/**
 * A fixed reference time before which {@link toHbrSchedule} puts no first run: 2025-01-01T00:00:00Z. A fixed
 * anchor (not the time of synthesis) keeps the synthesized schedule the same on every run.
 */
const HBR_SCHEDULE_ANCHOR_SECONDS = Date.UTC(2025, 0, 1) / 1000;

/**
 * Translates a standard 5-field cron expression into the schedule of an Alibaba Cloud Cloud Backup
 * (HBR) policy rule, `I|<first run, UNIX seconds>|<ISO 8601 interval>`: HBR runs the first backup at
 * the start time and then one every interval ("a backup policy can have only one backup schedule with
 * a fixed interval", CreatePolicyV2 API reference).
 *
 * Only expressions whose runs are evenly spaced map onto that: every N minutes or hours that divide
 * the day (`0 * * * *`, `0 *\/6 * * *`), daily (`0 3 * * *`), weekly (`0 3 * * 0`), and monthly on one day
 * from 1 to 28 of every month (`0 3 1 * *`, interval `P1M`). The first run is the first run of the
 * expression at or after 2025-01-01T00:00Z, so the phase (time of day, weekday, day of month) is kept.
 *
 * @example toHbrSchedule('0 3 * * *') === 'I|1735700400|P1D'
 * @throws Error when {@link validateCron} rejects the expression, or when its runs are not evenly spaced
 * (e.g. `0 3 * * 1-5`: gaps of 1 and 3 days), with the reason.
 */
export function toHbrSchedule(expr: string): string {
  const cron = parseOrThrow(expr);
  const first = firstRunAtOrAfter(cron, HBR_SCHEDULE_ANCHOR_SECONDS);
  const monthlyDay = cron.dayOfMonthRestricted && cron.daysOfMonth.length === 1 && cron.months.length === 12
    && cron.hours.length === 1 && cron.minutes.length === 1;
  if (monthlyDay) {
    if (cron.daysOfMonth[0] > 28) {
      throw new Error(`Cron expression ${JSON.stringify(expr)} cannot be an HBR schedule: day ${cron.daysOfMonth[0]} `
        + 'does not occur in every month, so the runs are not one month apart; use a day from 1 to 28');
    }
    return `I|${first}|P1M`;
  }
  const gaps = runGapsInMinutes(cron);
  if (gaps.shortest !== gaps.longest) {
    throw new Error(`Cron expression ${JSON.stringify(expr)} cannot be an HBR schedule: its runs are ${gaps.shortest} to `
      + `${gaps.longest} minutes apart, and an HBR policy takes one fixed interval (a start time plus a period); `
      + 'use evenly spaced runs such as "0 */6 * * *", "0 3 * * *", "0 3 * * 0" or "0 3 1 * *"');
  }
  return `I|${first}|${isoDuration(gaps.shortest)}`;
}

/** An ISO 8601 duration for a number of minutes, in the largest whole unit: P7D, PT6H, PT30M. */
function isoDuration(minutes: number): string {
  if (minutes % MINUTES_PER_DAY === 0) return `P${minutes / MINUTES_PER_DAY}D`;
  if (minutes % 60 === 0) return `PT${minutes / 60}H`;
  return `PT${minutes}M`;
}

/** UNIX seconds of the first run of `cron` at or after `fromSeconds` (a midnight UTC). */
function firstRunAtOrAfter(cron: ParsedCron, fromSeconds: number): number {
  const firstTime = cron.hours[0] * 60 + cron.minutes[0];
  // parseCron guarantees a matching day within one Gregorian cycle.
  for (let day = 0; day < 146097; day++) {
    const date = new Date((fromSeconds + day * 86400) * 1000);
    const matches = cron.months.includes(date.getUTCMonth() + 1)
      && cron.daysOfMonth.includes(date.getUTCDate())
      && cron.daysOfWeek.includes(date.getUTCDay());
    if (matches) return fromSeconds + day * 86400 + firstTime * 60;
  }
  throw new Error('unreachable: a valid cron expression runs within 400 years');
}

function parseOrThrow(expr: string): ParsedCron {
  const parsed = parseCron(expr);
  if (typeof parsed === 'string') throw new Error(`Invalid cron expression ${JSON.stringify(expr)}: ${parsed}`);
  return parsed;
}

/** The parsed expression, or the reason it is invalid. */
function parseCron(expr: string): ParsedCron | string {
  if (typeof expr !== 'string') return `must be a string, got ${typeof expr}`;
  const fields = expr.trim().split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== FIELDS.length) {
    const hint = /^cron\(/i.test(expr.trim()) ? '; give a standard 5-field cron, not an AWS cron(...) expression' : '';
    return `must have 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}${hint}`;
  }
  const values: number[][] = [];
  for (let i = 0; i < FIELDS.length; i++) {
    const field = parseField(fields[i], FIELDS[i]);
    if (typeof field === 'string') return `${FIELDS[i].name} field ${JSON.stringify(fields[i])}: ${field}`;
    values.push(field);
  }
  const [minutes, hours, daysOfMonth, months, weekdays] = values;
  const daysOfWeek = [...new Set(weekdays.map((d) => d % 7))].sort((a, b) => a - b);
  const dayOfMonthRestricted = fields[2] !== '*';
  const dayOfWeekRestricted = fields[4] !== '*';
  if (dayOfMonthRestricted && dayOfWeekRestricted) {
    return `day-of-month (${JSON.stringify(fields[2])}) and day-of-week (${JSON.stringify(fields[4])}) are both restricted: `
      + 'standard cron then runs when either matches, which an AWS schedule cannot express (one of them must be "?"); set one of them to *';
  }
  if (!months.some((m) => daysOfMonth.some((d) => d <= MAX_DAYS_IN_MONTH[m - 1]))) {
    return `day-of-month field ${JSON.stringify(fields[2])} never occurs in month field ${JSON.stringify(fields[3])}: the schedule would never run`;
  }
  return { fields, minutes, hours, daysOfMonth, months, daysOfWeek, dayOfMonthRestricted, dayOfWeekRestricted };
}

/** The sorted values one field matches, or the reason it is invalid (without the field name). */
function parseField(text: string, field: CronField): number[] | string {
  const allowed = `(allowed: ${field.allowed}; syntax: ${SYNTAX})`;
  const matched = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') return `has an empty list item ${allowed}`;
    const parts = item.split('/');
    if (parts.length > 2) return `${JSON.stringify(item)} has more than one "/" ${allowed}`;
    const [base, stepText] = parts;
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) return `step ${JSON.stringify(stepText)} must be a whole number ≥ 1 ${allowed}`;
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (base === '*') {
      from = field.min;
      to = field.max;
    } else {
      const bounds = base.split('-');
      if (bounds.length > 2) return `${JSON.stringify(item)} is not a value or a range a-b ${allowed}`;
      const low = parseValue(bounds[0], field);
      if (typeof low === 'string') return `${low} ${allowed}`;
      const high = bounds.length === 2 ? parseValue(bounds[1], field) : low;
      if (typeof high === 'string') return `${high} ${allowed}`;
      if (bounds.length === 1 && stepText !== undefined) {
        return `step ${JSON.stringify(item)} needs * or a range before "/" (e.g. */${step} or ${low}-${field.max}/${step}) ${allowed}`;
      }
      if (low > high) return `range ${JSON.stringify(base)} runs backwards (ranges do not wrap around) ${allowed}`;
      from = low;
      to = high;
    }
    for (let v = from; v <= to; v += step) matched.add(v);
  }
  return [...matched].sort((a, b) => a - b);
}

/** A number or (case-insensitive) name within the field's range, or the reason it is not. */
function parseValue(text: string, field: CronField): number | string {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < field.min || value > field.max) return `${value} is outside the allowed range ${field.min}-${field.max}`;
    return value;
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) return index + (field.name === 'month' ? 1 : 0);
  return `${JSON.stringify(text)} is not a number${field.names ? ' or name' : ''}`;
}

/**
 * The shortest and longest gap in minutes between consecutive runs. Every matching day runs at
 * the same times, so the gaps are those within a day and those from the last run of one
 * matching day to the first of the next. Matching days repeat with the Gregorian cycle of 400
 * years (146097 days, a whole number of weeks), which is walked once, day by day; no minute-level
 * simulation is needed.
 */
function runGapsInMinutes(cron: ParsedCron): { shortest: number; longest: number } {
  const times = cron.hours.flatMap((h) => cron.minutes.map((m) => h * 60 + m)).sort((a, b) => a - b);
  const daySpan = times[times.length - 1] - times[0];
  let shortest = Infinity;
  let longest = 0;
  for (let i = 1; i < times.length; i++) {
    shortest = Math.min(shortest, times[i] - times[i - 1]);
    longest = Math.max(longest, times[i] - times[i - 1]);
  }
  const dayGaps = matchingDayGaps(cron);
  shortest = Math.min(shortest, dayGaps.shortest * MINUTES_PER_DAY - daySpan);
  longest = Math.max(longest, dayGaps.longest * MINUTES_PER_DAY - daySpan);
  return { shortest, longest };
}

/** The shortest and longest gap in days between consecutive matching days, over a full Gregorian cycle. */
function matchingDayGaps(cron: ParsedCron): { shortest: number; longest: number } {
  // When only weekdays restrict the days, the pattern repeats every week: four weeks suffice.
  const weekdaysOnly = cron.months.length === 12 && cron.daysOfMonth.length === 31;
  const cycleDays = weekdaysOnly ? 28 : 146097;
  const inMonth = flags(cron.months, 13);
  const inDayOfMonth = flags(cron.daysOfMonth, 32);
  const inDayOfWeek = flags(cron.daysOfWeek, 7);
  // 2000-01-01 was a Saturday.
  let year = 2000;
  let month = 1;
  let day = 1;
  let weekday = 6;
  let first = -1;
  let previous = -1;
  let shortest = Infinity;
  let longest = 0;
  for (let index = 0; index < cycleDays; index++) {
    if (inMonth[month] && inDayOfMonth[day] && inDayOfWeek[weekday]) {
      if (first < 0) {
        first = index;
      } else {
        shortest = Math.min(shortest, index - previous);
        longest = Math.max(longest, index - previous);
      }
      previous = index;
    }
    weekday = (weekday + 1) % 7;
    day++;
    if (day > daysInMonth(year, month)) {
      day = 1;
      month++;
      if (month > 12) {
        month = 1;
        year++;
      }
    }
  }
  // From the last matching day of this cycle to the first of the next one.
  const wrap = first + cycleDays - previous;
  return { shortest: Math.min(shortest, wrap), longest: Math.max(longest, wrap) };
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MAX_DAYS_IN_MONTH[month - 1];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : 28;
}

function flags(values: readonly number[], size: number): boolean[] {
  const result = new Array<boolean>(size).fill(false);
  for (const v of values) result[v] = true;
  return result;
}

/** Sorted values as runs of consecutive numbers, e.g. [1,2,3,5] → [[1,3],[5,5]]. */
function runsOf(values: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const v of values) {
    const last = runs[runs.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else runs.push([v, v]);
  }
  return runs;
}

/**
 * The shortest AWS field for a set of values: `*` when it is the whole range, `a/n` for an
 * evenly spaced set that runs to the end of the range (when steps are allowed), else a list of
 * values and ranges.
 */
function compactList(values: readonly number[], field: CronField, allowStep: boolean): string {
  const size = field.max - field.min + 1;
  if (values.length === size) return '*';
  if (allowStep && values.length >= 3) {
    const step = values[1] - values[0];
    const evenlySpaced = values.every((v, i) => i === 0 || v - values[i - 1] === step);
    if (step > 1 && evenlySpaced && values[values.length - 1] + step > field.max) return `${values[0]}/${step}`;
  }
  return runsOf(values).map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(',');
}

function capitalize(name: string): string {
  return name.charAt(0) + name.slice(1).toLowerCase();
}

/**
 * The standard 5-field form of an AWS schedule expression `cron(min hour dom month dow year)` (the
 * inverse of {@link toAwsScheduleExpression} for what it produces), or undefined when it has no such form
 * (a year other than `*`, `L`/`W`/`#`, weekday names).
 */
export function fromAwsScheduleExpression(expr: string): string | undefined {
  const fields = /^cron\((.+)\)$/.exec(expr.trim())?.[1].trim().split(/\s+/);
  if (!fields || fields.length !== 6 || fields[5] !== '*') return undefined;
  const [minute, hour, dom, month, dow] = fields;
  // AWS numbers weekdays 1-7 from Sunday, standard cron 0-6.
  const weekday = dow === '?' ? '*' : dow.replace(/\d+/g, (d) => String(Number(d) - 1));
  const standard = `${minute} ${hour} ${dom === '?' ? '*' : dom} ${month} ${weekday}`;
  return validateCron(standard) === undefined ? standard : undefined;
}

/**
 * The interval of an HBR schedule `I|<start>|<ISO 8601 duration>` in seconds (a month counts 31 days,
 * its longest), or undefined when it is not of that form.
 */
export function hbrScheduleIntervalSeconds(schedule: string): number | undefined {
  const duration = /^I\|\d+\|P(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(schedule.trim());
  if (!duration) return undefined;
  const [months, weeks, days, hours, minutes] = duration.slice(1).map((v) => Number(v ?? 0));
  const seconds = (((months * 31 + weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60;
  return seconds > 0 ? seconds : undefined;
}
