import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { calendarFor, parseInstant } from '@motcua/calendar';
import { ACTION_NAMES, TERMINAL_STATUSES, type DossierStatus } from '@motcua/contracts';
import { afterEffect, Dossier, dueAlerts, fold, isRefusal, NOTHING_DONE, parseCommand, pendingEffects, pendingNotices, RATEABLE, toView, type DossierCommand } from '@motcua/dossier';
import type { NotificationActivities, PublishActivities } from '@motcua/activities';
import {
  BAD_COMMAND,
  INTERNAL_COMMANDS,
  RULE_VIOLATION,
  commandUpdate,
  eventsQuery,
  stateQuery,
  type DossierWorkflowInput,
  type UpdateArg,
  type UpdateName,
} from './definitions';
import { searchAttributesOf } from './visibility';

const { publishDossierEvents } = proxyActivities<PublishActivities>({
  startToCloseTimeout: '30 seconds',
  // Kafka may be down for a while: keep trying, ever more slowly, and never drop an event.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const { notifyApplicant } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30 seconds',
  // An SMS or e-mail provider down for a while: retried for about two hours, then given up (the
  // record stays PENDING for operations to see); the dossier never waits on it.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes', maximumAttempts: 16 },
});


/**
 * One dossier, from registration to its terminal state. A thin shell: commands arrive as updates
 * and are decided by the Dossier domain class; SLA timers are durable sleeps until the next armed
 * instant; recorded events are published in order by an activity (an outbox inside the workflow,
 * so a retry never reorders a dossier's events on Kafka).
 */
export async function dossierWorkflow(input: DossierWorkflowInput): Promise<ReturnType<typeof toView>> {
  const offset = input.clockOffsetMs ?? 0;
  const now = () => Date.now() + offset;
  const dossier = new Dossier(calendarFor);
  const reg = input.registration;

  const registered = dossier.execute({ type: 'register', ...reg, at: reg.at ? parseInstant(reg.at) : now() });
  if (isRefusal(registered)) throw ApplicationFailure.nonRetryable(registered.message, RULE_VIOLATION, registered);

  for (const name of [...ACTION_NAMES, ...INTERNAL_COMMANDS]) {
    setHandler(
      commandUpdate(name),
      (arg) => {
        const result = dossier.execute(commandOf(name, arg, now));
        if (isRefusal(result)) throw ApplicationFailure.nonRetryable(result.message, RULE_VIOLATION, result);
        return toView(dossier.state, now());
      },
      {
        // Refused commands never reach the history: nothing about the dossier changes.
        validator: (arg) => {
          const parsed = parseCommand(name, arg, now);
          if (isRefusal(parsed)) throw ApplicationFailure.nonRetryable(parsed.message, BAD_COMMAND, parsed);
          const refused = dossier.check(parsed);
          if (refused) throw ApplicationFailure.nonRetryable(refused.message, RULE_VIOLATION, refused);
        },
      },
    );
  }
  setHandler(stateQuery, (arg) => {
    const asOf = arg?.asOf ? parseInstant(arg.asOf) : now();
    return toView(fold(dueAlerts(dossier.state, asOf), dossier.state), asOf);
  });
  setHandler(eventsQuery, () => [...dossier.events]);

  const terminal = () => TERMINAL_STATUSES.includes(dossier.state.status as DossierStatus);
  const showInList = () => {
    if (input.visibility !== false) upsertSearchAttributes(searchAttributesOf(toView(dossier.state, now())));
  };

  if (patched(EFFECTS_APART)) {
    // Closed: ended, and no longer open for the applicant's rating (dossiers given a rating window only).
    let rating: Promise<void> | null = null;
    if ((input.ratingWindowMs ?? 0) > 0 && patched(SATISFACTION_RATING)) rating = keepOpenForRating(dossier, terminal, input.ratingWindowMs!);
    let ratingOver = rating === null;
    const closed = () => terminal() && ratingOver;
    const loops = [keepTime(dossier, now, terminal, showInList), workThroughEffects(dossier, closed)];
    if (rating) loops.push(rating.then(() => void (ratingOver = true)));
    if (patched(APPLICANT_NOTIFICATIONS)) loops.push(notifyTheApplicant(dossier, closed));
    await Promise.all(loops);
  } else {
    await publishingInline(dossier, now, terminal, showInList);
  }
  await condition(allHandlersFinished);
  return toView(dossier.state, now());
}

/**
 * The command an update carries. Only the validator refuses (a refused update never enters the
 * history); the handler runs for what a validator once let through, also on replay, where an
 * older validator may have accepted what today's parser would not (free-text reasons, before
 * closed lists): that command is rebuilt as it was then, so replay reproduces what happened.
 */
function commandOf(name: UpdateName, arg: UpdateArg<UpdateName>, now: () => number): DossierCommand {
  const parsed = parseCommand(name, arg, now);
  if (!isRefusal(parsed)) return parsed;
  const { at, by, ...body } = arg;
  return { ...body, type: name, by, at: at ? Date.parse(at) : now() } as DossierCommand;
}

/**
 * Dossiers started from this version on keep their clock and their effects apart; dossiers
 * started before it (whose histories interleave publishing with timers) keep the inline loop.
 */
const EFFECTS_APART = 'effects-apart-from-the-clock';

/**
 * The dossier's clock: sleeps until its next armed timer or its next change, raises the alerts
 * that are due and shows the dossier as it now is in the list. Never waits for an effect.
 */
async function keepTime(dossier: Dossier, now: () => number, terminal: () => boolean, showInList: () => void): Promise<void> {
  let shown = -1;
  for (;;) {
    const seen = dossier.events.length;
    if (seen !== shown) {
      showInList();
      shown = seen;
    }
    if (terminal()) return;
    const next = dossier.nextTimerAt();
    const changed = () => dossier.events.length !== seen;
    if (next === null) await condition(changed);
    else if (next > now()) await condition(changed, next - now());
    dossier.raiseDueAlerts(now());
  }
}

/** The effects the dossier's log calls for, each channel in order, until the dossier has ended and nothing is left. */
async function workThroughEffects(dossier: Dossier, terminal: () => boolean): Promise<void> {
  let done = NOTHING_DONE;
  for (;;) {
    await condition(() => pendingEffects(dossier.events, done).length > 0 || terminal());
    const [effect] = pendingEffects(dossier.events, done);
    if (!effect) return; // ended, and everything done
    await publishDossierEvents([...effect.records]);
    done = afterEffect(done, effect);
  }
}

/** Dossiers started from this version on notify their applicant (receipt, supplement requests, results…). */
const APPLICANT_NOTIFICATIONS = 'applicant-notifications';

/**
 * The applicant notifications the log calls for (`pendingNotices`), one after another in log
 * order, by their own activity: a provider that is down delays only the notifications. A notice
 * whose sending was given up is left (its record says so); the dossier goes on.
 */
async function notifyTheApplicant(dossier: Dossier, terminal: () => boolean): Promise<void> {
  let scanned = 0;
  for (;;) {
    await condition(() => dossier.events.length > scanned || terminal());
    if (dossier.events.length === scanned) return; // ended, and every notice worked through
    const notices = pendingNotices(dossier.events, scanned, dossier.state.procedure!.name);
    scanned = dossier.events.length;
    for (const notice of notices) {
      try {
        await notifyApplicant(notice);
      } catch (e) {
        if (isCancellation(e)) throw e;
      }
    }
  }
}

/** Dossiers started from this version on, with a rating window, stay open for the applicant's rating. */
const SATISFACTION_RATING = 'satisfaction-rating';

/**
 * Once the dossier has ended with the result in the applicant's hands, waits for the rating for
 * `windowMs` at most (a durable timer); a dossier that ended otherwise closes at once.
 */
async function keepOpenForRating(dossier: Dossier, terminal: () => boolean, windowMs: number): Promise<void> {
  await condition(terminal);
  if (!RATEABLE.includes(dossier.state.status as DossierStatus)) return;
  await condition(() => dossier.state.rating !== null, windowMs);
}

/** Before EFFECTS_APART: one loop, where a publish that waits holds the timers back. Kept for dossiers started before it. */
async function publishingInline(dossier: Dossier, now: () => number, terminal: () => boolean, showInList: () => void): Promise<void> {
  let published = 0;
  for (;;) {
    const next = dossier.nextTimerAt();
    const wait = next === null ? undefined : Math.max(0, next - now());
    const pending = () => published < dossier.events.length;
    if (wait === undefined) await condition(pending);
    else if (wait > 0) await condition(pending, wait);
    dossier.raiseDueAlerts(now());
    if (published < dossier.events.length) {
      // Visibility first: the dossier list must not wait for Kafka to come back.
      showInList();
      const batch = dossier.events.slice(published);
      await publishDossierEvents(batch);
      published += batch.length;
    }
    if (terminal() && published === dossier.events.length) break;
  }
}
