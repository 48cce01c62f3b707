/**
 * The built-in calendars by id and version. A dossier records `calendar.version` when its clock
 * starts and asks for that same version for as long as it lives (and on every replay), so every
 * released version stays available here.
 */
import { ALWAYS_OPEN_DEFINITION } from './always-open';
import type { CalendarDefinition } from './definition/calendar-definition';
import { VN_GOV_DEFINITIONS } from './vn-gov';
import type { WorkingCalendar } from './working-calendar';
import { createWorkingCalendar } from './working-calendar';

const BUILT_IN: Readonly<Record<string, readonly CalendarDefinition[]>> = {
  'VN-GOV': VN_GOV_DEFINITIONS,
  'TEST-ALWAYS-OPEN': [ALWAYS_OPEN_DEFINITION],
};

// Calendars are immutable; sharing one instance per version also shares its per-year memo.
const instances = new Map<string, WorkingCalendar>();

/** Released versions of a built-in calendar, oldest first. */
export function calendarVersions(id: string): string[] {
  return definitionsOf(id).map((d) => d.version);
}

/**
 * A built-in calendar: the latest version, or the given one ('VN-GOV@2026.1', or just '2026.1').
 * Throws for an unknown id or version rather than falling back, since a fallback would silently
 * compute other deadlines than the ones recorded.
 */
export function calendarFor(id: string, version?: string): WorkingCalendar {
  const definitions = definitionsOf(id);
  const wanted = version === undefined ? undefined : version.includes('@') ? version : `${id}@${version}`;
  const definition = wanted === undefined ? definitions[definitions.length - 1] : definitions.find((d) => d.version === wanted);
  if (!definition) {
    throw new Error(`Unknown version ${JSON.stringify(version)} of calendar ${id}; known: ${calendarVersions(id).join(', ')}`);
  }
  let calendar = instances.get(definition.version);
  if (!calendar) {
    calendar = createWorkingCalendar(definition);
    instances.set(definition.version, calendar);
  }
  return calendar;
}

/** The built-in government calendar (Mon–Fri, 08–12 and 13–17, public holidays), latest version. */
export function vnGovCalendar(): WorkingCalendar {
  return calendarFor('VN-GOV');
}

/** Every minute of every day is office time; see always-open.ts for how each unit behaves. */
export function alwaysOpenCalendar(): WorkingCalendar {
  return calendarFor('TEST-ALWAYS-OPEN');
}

function definitionsOf(id: string): readonly CalendarDefinition[] {
  const definitions = Object.prototype.hasOwnProperty.call(BUILT_IN, id) ? BUILT_IN[id] : undefined;
  if (!definitions) throw new Error(`Unknown calendar ${JSON.stringify(id)}; known: ${Object.keys(BUILT_IN).join(', ')}`);
  return definitions;
}
