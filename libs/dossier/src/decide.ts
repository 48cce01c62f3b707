import { parseInstant, toLocalIso, type TimeLimit, type WorkingCalendar } from '@motcua/calendar';
import { TRANSIT_WORKING_DAYS, type DossierStatus } from '@motcua/contracts';
import { apologyBound, supplementRequestsLeft, supplementTiming } from './action-bounds';
import { classify } from './classification';
import type { DossierCommand } from './commands';
import { computeDeadline } from './deadline';
import type { DossierEvent, EventOf } from './events';
import { evolve } from './evolve';
import { handoffs, type Receiving } from './handoffs';
import { refusal, type Refusal, type RuleCode } from './rules';
import { ruleSetOf, type RuleSetResolver } from './rule-sets';
import { appointmentOf, finalAppointmentOf, holders, latestOrder, legUnderway, openConsultations, type DossierState, type MemberState, type PostalLegState } from './state';

export type CalendarResolver = (id: string, version: string) => WorkingCalendar;

/** What a dossier records beyond its rules; a workflow started before an option existed keeps it off (patched). */
export interface DecideOptions {
  /** Each transfer between units and agencies as a `DossierHandedOff` event (Form 05's rows). */
  readonly recordHandoffs: boolean;
}

export const DEFAULT_DECIDE_OPTIONS: DecideOptions = { recordHandoffs: true };

/** The statuses in which the applicant holds the result, and may rate the service. */
export const RATEABLE: readonly DossierStatus[] = ['RETURNED', 'DELIVERED'];

/**
 * Checks a command against the dossier and turns it into events, or refuses it naming the rule.
 * Pure: the same state and command always give the same answer, and a refusal changes nothing.
 */
export function decide(
  s: DossierState,
  c: DossierCommand,
  calendars: CalendarResolver,
  ruleSets: RuleSetResolver = ruleSetOf,
  options: DecideOptions = DEFAULT_DECIDE_OPTIONS,
): DossierEvent[] | Refusal {
  if (c.type === 'register') {
    if (s.code !== null) return refusal('LIFECYCLE.ALREADY_REGISTERED', `dossier ${s.code} is already registered`);
    const { type: _t, ...registration } = c;
    return [{ type: 'DossierRegistered', ...registration }];
  }
  if (s.code === null) return notAllowed(c.type, s.status, ['(registered)']);
  // The post's late pickup report and the operator's answers to our orders are recorded when they arrive.
  if (s.lastEventAt !== null && c.at < s.lastEventAt && c.type !== 'postalPickedUp' && !ORDER_ANSWERS.has(c.type)) {
    return refusal('LIFECYCLE.TIME_OUT_OF_ORDER', `${c.type} at ${new Date(c.at).toISOString()} is earlier than the dossier's last event`);
  }
  const cal = () => calendars(s.calendar!.id, s.calendar!.version);
  // The rules the dossier was received under, not today's.
  const rules = () => ruleSets(s.ruleSet!);
  const by = c.by;
  const at = c.at;
  const handedOff = (...args: Parameters<typeof handoffs>) => (options.recordHandoffs ? handoffs(...args) : []);

  switch (c.type) {
    case 'requestPickup':
      return guard(s, c.type, ['NEW']) ?? postalAllowed(s) ?? [{ type: 'PostalPickupRequested', at, by }];

    case 'postalPickedUp': {
      // A pickup reported after the handover is implied by the state: recorded, nothing changes.
      // One for a dossier the post never had contradicts it.
      if (s.channel !== 'POSTAL') return notAllowed(c.type, s.status, ['PICKUP_REQUESTED', '(any state of a postal dossier)'], 'POSTAL.STATE_CONTRADICTS');
      // The pickup leg's day J: its transit target is set now, when its order said how far it goes.
      const order = latestOrder(s, 'PICKUP');
      const transitDueAt = s.status === 'PICKUP_REQUESTED' && order ? transitDue(order, at, cal()) : undefined;
      return [{ type: 'PostalPickedUp', at, by, waybill: c.waybill, ...(transitDueAt !== undefined ? { transitDueAt } : {}) }];
    }

    case 'postalOrderPlaced': {
      const { type: _t, ...answer } = c;
      // The leg's day J, if the post has already taken the item: the return's handover to the
      // post always precedes its order; a pickup usually follows it (then PostalPickedUp sets it).
      const taken = c.leg === 'PICKUP' ? s.pickedUpAt : s.handedToPostAt;
      const transitDueAt =
        taken !== null && legUnderway(s, c.leg) ? transitDue({ outcome: 'PLACED', scope: c.scope, transitDueAt: null }, taken, cal()) : undefined;
      return [{ ...answer, type: 'PostalOrderPlaced', ...(transitDueAt !== undefined ? { transitDueAt } : {}) }];
    }

    case 'postalOrderRefused': {
      const { type: _t, ...answer } = c;
      // The one-stop unit must arrange the leg another way: an alert of the post's, on no agency.
      return [
        { ...answer, type: 'PostalOrderRefused' },
        { type: 'AlertRaised', at, by, alert: 'POSTAL_ORDER_REFUSED', scope: 'POSTAL', agency: null, member: null, dueAt: at },
      ];
    }

    case 'postalOrderCancelled': {
      const { type: _t, ...answer } = c;
      return [{ ...answer, type: 'PostalOrderCancelled' }];
    }

    case 'submit':
      return guard(s, c.type, ['NEW', 'INTAKE_SUPPLEMENT']) ?? [{ type: 'DossierSubmitted', at, by, channel: c.channel, waybill: null }];

    case 'postalHandover':
      return (
        guard(s, c.type, ['NEW', 'INTAKE_SUPPLEMENT', 'PICKUP_REQUESTED', 'PICKED_UP']) ??
        postalAllowed(s) ?? [{ type: 'DossierSubmitted', at, by, channel: 'POSTAL', waybill: c.waybill }]
      );

    case 'requestIntakeSupplement':
      return guard(s, c.type, ['SUBMITTED']) ?? [{ type: 'IntakeSupplementRequested', at, by, missing: c.missing ?? [], ...noted(c) }];

    case 'refuseIntake':
      return guard(s, c.type, ['SUBMITTED']) ?? [{ type: 'IntakeRefused', at, by, reasons: c.reasons ?? [], ...noted(c) }];

    case 'accept': {
      const refused = guard(s, c.type, ['SUBMITTED']);
      if (refused) return refused;
      const p = s.procedure!;
      // For the post, the signed handover record is the submission instant and starts the clock:
      // postal transit is not processing time (Decision 45/2016).
      const clockStartedAt = s.channel === 'POSTAL' ? s.submittedAt! : at;
      const accepted: DossierEvent = {
        type: 'DossierAccepted',
        at,
        by,
        clockStartedAt,
        deadline: computeDeadline(cal(), clockStartedAt, p.timeLimit, p.cutoff),
      };
      const started = startStage(evolve(s, accepted), 0, clockStartedAt, at, by, cal());
      const fromUnit = [{ unit: s.unit!, officer: by.id, member: null }];
      return [accepted, started, ...handedOff(fromUnit, receivers(started), 'PROCESS', at, by)];
    }

    case 'complete': {
      const m = holding(s, c.type, c.agency);
      if (!('member' in m)) return m;
      const done: DossierEvent = {
        type: 'StagePartCompleted',
        at,
        by,
        member: m.member,
        agency: m.agency,
        outcome: classify(at, m.deadline!.at, cal().localDate),
      };
      const after = evolve(s, done);
      if (holders(after).length > 0) return [done];
      const nextStage = s.currentStage! + 1;
      // The finished stage hands on: each of its members, with the officer who finished its part.
      const finished = after.members
        .filter((x) => x.stage === s.currentStage)
        .map((x) => ({ unit: x.agency, officer: x.finishedBy, member: x.member }));
      if (after.members.some((x) => x.stage === nextStage)) {
        const started = startStage(after, nextStage, at, at, by, cal());
        return [done, started, ...handedOff(finished, receivers(started), 'PROCESS', at, by)];
      }
      return [
        done,
        { type: 'ResultReady', at, by, outcome: classify(at, appointmentOf(s)!, cal().localDate), processingMs: processingMs(s, at) },
        ...handedOff(finished, [backToUnit(s)], 'RETURN_RESULT', at, by),
      ];
    }

    case 'assign':
    case 'appraise':
    case 'approve': {
      // Optional steps inside the holding agency: recorded with their officers, never required to complete.
      const m = holding(s, c.type, c.agency);
      if (!('member' in m)) return m;
      const part = { at, by, member: m.member, agency: m.agency };
      if (c.type === 'assign') return [{ type: 'StagePartAssigned', ...part, officer: c.officer }];
      return [c.type === 'appraise' ? { type: 'StagePartAppraised', ...part } : { type: 'StagePartApproved', ...part }];
    }

    case 'requestSupplement': {
      const m = holding(s, c.type, c.agency);
      if (!('member' in m)) return m;
      if (supplementRequestsLeft(s) <= 0) {
        return refusal(
          'SUPPLEMENT.LIMIT_REACHED',
          `${s.supplementRequests} supplement request(s) already made; procedure ${s.procedure!.code} allows ${s.procedure!.supplementsAllowed ?? 1}`,
        );
      }
      // From the agency's latest receipt of a complete dossier: its stage start, or a supplement's arrival.
      const { workingDaysSinceReceipt, late } = supplementTiming(m, at, cal(), rules());
      return [
        {
          type: 'SupplementRequested',
          at,
          by,
          member: m.member,
          agency: m.agency,
          workingDaysSinceReceipt,
          late,
          missing: c.missing ?? [],
          ...noted(c),
        },
      ];
    }

    case 'supplement': {
      const refused = guard(s, c.type, ['SUPPLEMENT_PENDING']);
      if (refused) return refused;
      const p = s.procedure!;
      const calendar = cal();
      // Art. 19(4): the legal time limit restarts from zero, for the dossier and the current stage.
      return [
        {
          type: 'SupplementReceived',
          at,
          by,
          deadline: computeDeadline(calendar, at, p.timeLimit, p.cutoff),
          restarted: holders(s).map((m) => ({
            member: m.member,
            agency: m.agency,
            deadline: computeDeadline(calendar, at, m.allotted, p.cutoff),
          })),
          waitedMs: at - s.supplementPendingSince!,
        },
      ];
    }

    case 'apologize': {
      const m = holding(s, c.type, c.agency);
      if (!('member' in m)) return m;
      if (s.apology) {
        return refusal('APOLOGY.ALREADY_GIVEN', `an apology with a new appointment was already given by ${s.apology.agency}`);
      }
      const newAppointment = parseInstant(c.newAppointment);
      const current = finalAppointmentOf(s)!;
      if (!(newAppointment > current)) {
        return refusal('APOLOGY.NOT_LATER_THAN_APPOINTMENT', `the new appointment must be later than the current one (${toLocalIso(current)})`);
      }
      if (!(newAppointment > at)) return refusal('APOLOGY.NOT_IN_FUTURE', 'the new appointment must lie in the future');
      // The bound before the working-time check: an absurd date is refused as such, and is never
      // looked up in a calendar that has no data for its year.
      const calendar = cal();
      const p = s.procedure!;
      const legal = appointmentOf(s)!;
      const bound = apologyBound(s, calendar)!;
      if (newAppointment > bound) {
        return refusal(
          'APOLOGY.BEYOND_BOUND',
          `the new appointment may be at most ${toLocalIso(bound)} (Vietnam time): the appointment ${toLocalIso(legal)} extended by the procedure's time limit of ${limitText(p.timeLimit)}`,
        );
      }
      if (!calendar.isWorkingTime(newAppointment)) {
        const date = calendar.localDate(newAppointment);
        const hours = calendar.officeHours(date);
        return refusal(
          'APOLOGY.NOT_WORKING_TIME',
          `the new appointment ${toLocalIso(newAppointment)} is outside office hours: ` +
            (hours.length ? `on ${date} the office is open ${hours.map(([o, c]) => `${hhmm(o)}–${hhmm(c)}`).join(', ')}` : `${date} is not a working day`),
        );
      }
      const byDeadline = at <= s.clock!.deadline.apologyBy;
      return [{ type: 'ApologyIssued', at, by, agency: m.agency, newAppointment, byDeadline, ...(c.reason ? { reason: c.reason } : {}), ...noted(c) }];
    }

    case 'reject': {
      const m = holding(s, c.type, c.agency);
      if (!('member' in m)) return m;
      const localDate = cal().localDate;
      return [
        {
          type: 'DossierRejected',
          at,
          by,
          member: m.member,
          agency: m.agency,
          memberOutcome: classify(at, m.deadline!.at, localDate),
          outcome: classify(at, appointmentOf(s)!, localDate),
          processingMs: processingMs(s, at),
          reasons: c.reasons ?? [],
          ...noted(c),
        },
        ...handedOff([{ unit: m.agency, officer: by.id, member: m.member }], [backToUnit(s)], 'RETURN_REFUSAL', at, by),
      ];
    }

    case 'stop': {
      // Only the agency that holds the dossier may stop it, also while it waits for a supplement.
      const m = holding(s, c.type, c.agency, ['IN_PROCESSING', 'SUPPLEMENT_PENDING']);
      if (!('member' in m)) return m;
      return [{ type: 'DossierStopped', at, by, member: m.member, agency: m.agency, reasons: c.reasons ?? [], ...noted(c) }];
    }

    case 'withdraw':
      return (
        guard(s, c.type, ['PICKUP_REQUESTED', 'PICKED_UP', 'SUBMITTED', 'INTAKE_SUPPLEMENT', 'IN_PROCESSING', 'SUPPLEMENT_PENDING']) ?? [
          { type: 'DossierWithdrawn', at, by, reason: c.reason ?? null, ...noted(c) },
        ]
      );

    case 'return': {
      if (s.status === 'AWAITING_COLLECTION') {
        if (c.channel !== 'COUNTER') {
          return refusal('RETURN.CHANNEL_NOT_ALLOWED', 'a result back from the post is collected at the counter');
        }
        return [{ type: 'ResultReturned', at, by, channel: 'COUNTER' }];
      }
      const refused = guard(s, c.type, ['RESULT_READY', 'AWAITING_COLLECTION']);
      if (refused) return refused;
      if (c.channel === 'POSTAL') return postalAllowed(s) ?? [{ type: 'ResultHandedToPost', at, by }];
      return [{ type: 'ResultReturned', at, by, channel: c.channel }];
    }

    case 'postalDeliveryFailed': {
      const refused = guard(s, c.type, ['OUT_FOR_DELIVERY'], 'POSTAL.STATE_CONTRADICTS');
      if (refused) return refused;
      const last = s.countedDeliveryAttempts[s.countedDeliveryAttempts.length - 1];
      const counted = last === undefined || cal().workingDaysBetween(last, at) >= rules().deliveryAttemptGapWorkingDays;
      const countedAttempts = s.countedDeliveryAttempts.length + (counted ? 1 : 0);
      const failed: DossierEvent = { type: 'DeliveryAttemptFailed', at, by, counted, countedAttempts, ...(c.reason ? { reason: c.reason } : {}) };
      return countedAttempts >= rules().countedAttemptsBeforeReturn && counted
        ? [failed, { type: 'ResultBackAtUnit', at, by, reason: 'DELIVERY_FAILED' }]
        : [failed];
    }

    case 'postalReturnedToSender':
      // Already back at the unit: implied by the state, recorded, and nothing changes.
      if (s.status === 'AWAITING_COLLECTION') return [{ type: 'ResultBackAtUnit', at, by, reason: 'RETURNED_TO_SENDER' }];
      return guard(s, c.type, ['OUT_FOR_DELIVERY'], 'POSTAL.STATE_CONTRADICTS') ?? [
        { type: 'ResultBackAtUnit', at, by, reason: 'RETURNED_TO_SENDER' },
      ];

    case 'postalDelivered':
      return guard(s, c.type, ['OUT_FOR_DELIVERY'], 'POSTAL.STATE_CONTRADICTS') ?? [{ type: 'ResultDelivered', at, by }];

    case 'consult': {
      const m = holding(s, c.type, c.agency);
      if (!('member' in m)) return m;
      if (c.to === c.agency) return refusal('CONSULTATION.OF_ITSELF', `${c.agency} cannot consult itself`);
      if (openConsultations(s).some((x) => x.to === c.to)) {
        return refusal('CONSULTATION.ALREADY_OPEN', `${c.to} has not yet answered the consultation it was asked on dossier ${s.code}`);
      }
      const calendar = cal();
      // Its own deadline, in the dossier's working time; the legal clock is not touched.
      const dueAt = calendar.due(at, c.allotted, s.procedure!.cutoff ? { cutoff: s.procedure!.cutoff } : undefined);
      return [
        { type: 'ConsultationRequested', at, by, consultation: s.consultations.length, agency: m.agency, to: c.to, allotted: c.allotted, dueAt, calendar: calendar.version },
      ];
    }

    case 'answerConsultation': {
      const refused = guard(s, c.type, ['IN_PROCESSING', 'SUPPLEMENT_PENDING']);
      if (refused) return refused;
      const open = openConsultations(s).find((x) => x.to === c.agency);
      if (!open) return refusal('CONSULTATION.NONE_OPEN', `${c.agency} has no consultation to answer on dossier ${s.code}`);
      return [{ type: 'ConsultationAnswered', at, by, consultation: open.consultation, agency: c.agency, outcome: classify(at, open.dueAt, cal().localDate) }];
    }

    case 'rate': {
      // Once the result is in the applicant's hands: returned at the counter or online, or delivered by the post.
      const refused = guard(s, c.type, RATEABLE);
      if (refused) return refused;
      if (s.rating) return refusal('RATING.ALREADY_GIVEN', `dossier ${s.code} was already rated`);
      return [{ type: 'SatisfactionRated', at, by, level: c.level }];
    }
  }
}

const ORDER_ANSWERS: ReadonlySet<DossierCommand['type']> = new Set(['postalOrderPlaced', 'postalOrderRefused', 'postalOrderCancelled']);

/**
 * A leg's transit target (Decision 45/2016): J+1, J+2 or J+4 by how far it travels, J being the
 * day the post took the item; due at the close of that working day. None when the order did not
 * say how far, or was not placed, or already has one.
 */
function transitDue(order: Pick<PostalLegState, 'outcome' | 'scope' | 'transitDueAt'>, takenAt: number, calendar: WorkingCalendar): number | undefined {
  if (order.outcome !== 'PLACED' || order.scope === null || order.transitDueAt !== null) return undefined;
  return calendar.due(takenAt, { amount: TRANSIT_WORKING_DAYS[order.scope], unit: 'WORKING_DAYS' });
}

function startStage(
  s: DossierState,
  stage: number,
  clockStart: number,
  at: number,
  by: DossierCommand['by'],
  calendar: WorkingCalendar,
): EventOf<'StageStarted'> {
  return {
    type: 'StageStarted',
    at,
    by,
    stage,
    startedAt: clockStart,
    members: s.members
      .filter((m) => m.stage === stage)
      .map((m) => ({
        member: m.member,
        agency: m.agency,
        deadline: computeDeadline(calendar, clockStart, m.allotted, s.procedure!.cutoff),
      })),
  };
}

function receivers(started: EventOf<'StageStarted'>): Receiving[] {
  return started.members.map((m) => ({ unit: m.agency, member: m.member, dueAt: m.deadline.at }));
}

/** The result (or the refusal) goes back to the one-stop unit that received the dossier, due at its appointment. */
function backToUnit(s: DossierState): Receiving {
  return { unit: s.unit!, member: null, dueAt: appointmentOf(s)! };
}

function limitText(limit: TimeLimit): string {
  return limit.unit === 'SAME_DAY' ? 'the same day' : `${limit.amount} ${limit.unit === 'WORKING_DAYS' ? 'working day(s)' : 'working hour(s)'}`;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Decision 766's metric clock: from the first clock start, less the applicant's waiting time. */
function processingMs(s: DossierState, at: number): number {
  return at - s.clock!.firstStartedAt - s.waitedMs;
}

function guard(
  s: DossierState,
  action: string,
  allowed: readonly (DossierStatus | 'NEW')[],
  rule: RuleCode = 'LIFECYCLE.ACTION_NOT_ALLOWED',
): Refusal | null {
  return allowed.includes(s.status) ? null : notAllowed(action, s.status, allowed, rule);
}

function notAllowed(action: string, status: string, allowed: readonly string[], rule: RuleCode = 'LIFECYCLE.ACTION_NOT_ALLOWED'): Refusal {
  const shown = status === 'NEW' ? 'not yet submitted' : status;
  return refusal(rule, `${action} is not allowed while the dossier is ${shown} (allowed when: ${allowed.join(', ')})`);
}

/** The member of the current stage that `agency` holds, or the refusal (ONE-STOP.md: "holds"). */
function holding(
  s: DossierState,
  action: string,
  agency: string,
  allowed: readonly DossierStatus[] = ['IN_PROCESSING'],
): MemberState | Refusal {
  const refused = guard(s, action, allowed);
  if (refused) return refused;
  const m = holders(s).find((x) => x.agency === agency);
  if (!m) {
    const current = holders(s).map((x) => x.agency);
    return refusal('ROUTE.AGENCY_DOES_NOT_HOLD', `${agency} does not hold dossier ${s.code} (held by: ${current.join(', ') || 'nobody'})`);
  }
  return m;
}

function postalAllowed(s: DossierState): Refusal | null {
  return s.procedure!.postal === false
    ? refusal('POSTAL.NOT_FOR_PROCEDURE', `procedure ${s.procedure!.code} needs the applicant in person`)
    : null;
}

/**
 * The note reference, only when there is a note: an event without one stays exactly as events
 * were before notes existed, so running dossiers publish what they always published.
 */
function noted(c: { noteRef?: string }): { noteRef?: string } {
  return c.noteRef ? { noteRef: c.noteRef } : {};
}
