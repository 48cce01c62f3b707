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
import {
  afterEffect,
  Dossier,
  dueAlerts,
  fold,
  isRefusal,
  NOTHING_DONE,
  parseCommand,
  pendingNotices,
  pendingOf,
  RATEABLE,
  ruleSetOf,
  SYSTEM_ACTOR,
  toView,
  type DossierCommand,
  type EngineCommand,
  type PostalOrderEffect,
} from '@motcua/dossier';
import type { NotificationActivities, PostalActivities, PublishActivities } from '@motcua/activities';
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

const { placePostalOrder, cancelPostalOrder } = proxyActivities<PostalActivities>({
  startToCloseTimeout: '1 minute',
  // The operator may be down or slow for hours: an order is never dropped, only retried ever more
  // slowly (or as its 429/503 Retry-After asks); a refusal is an answer, not a failure.
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
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
  // Asked once, before anything is decided: a dossier started before handoffs were events keeps
  // deciding as it did (its history replays), one started since records every handoff.
  const dossier = new Dossier(calendarFor, ruleSetOf, { recordHandoffs: patched(HANDOFFS_AS_EVENTS) });
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
    const postal = patched(POSTAL_ORDERS);
    // Closed: ended, and no longer open for the applicant's rating (dossiers given a rating window only).
    let rating: Promise<void> | null = null;
    if ((input.ratingWindowMs ?? 0) > 0 && patched(SATISFACTION_RATING)) rating = keepOpenForRating(dossier, terminal, input.ratingWindowMs!);
    let ratingOver = rating === null;
    const closed = () => terminal() && ratingOver;
    let ordersDone = !postal;
    const loops: Promise<void>[] = [];
    if (postal) loops.push(workThroughPostalOrders(dossier, now, closed).then(() => void (ordersDone = true)));
    if (rating) loops.push(rating.then(() => void (ratingOver = true)));
    // Events go on being published until the orders are done too: their answers are events.
    loops.push(keepTime(dossier, now, terminal, showInList), workThroughEffects(dossier, () => closed() && ordersDone));
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

/** Dossiers started from this version on record each transfer between units and agencies (DossierHandedOff). */
const HANDOFFS_AS_EVENTS = 'handoffs-as-events';

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

/** The events the dossier's log has to publish, in order, until the dossier has ended and nothing is left. */
async function workThroughEffects(dossier: Dossier, ended: () => boolean): Promise<void> {
  let done = NOTHING_DONE;
  for (;;) {
    await condition(() => pendingOf('events', dossier.events, done).length > 0 || ended());
    const [effect] = pendingOf('events', dossier.events, done);
    if (!effect) return; // ended, and everything done
    await publishDossierEvents([...effect.records]);
    done = afterEffect(done, effect);
  }
}

/**
 * Dossiers started from this version on give the postal operator its orders (a pickup, a return
 * by post, the cancellation of a pickup on withdrawal) as effects of their own; dossiers started
 * before it never did, and replay as they ran.
 */
const POSTAL_ORDERS = 'postal-orders-as-effects';

/**
 * The postal orders the log calls for, one at a time, each answer recorded as an event of the
 * dossier (through the domain, so the log stays the only record) before the next is looked at.
 * Its own activities and retry policy: a slow or absent operator holds up neither the clock nor
 * the publishing of events.
 */
async function workThroughPostalOrders(dossier: Dossier, now: () => number, terminal: () => boolean): Promise<void> {
  let done = NOTHING_DONE;
  for (;;) {
    await condition(() => pendingOf('postalOrders', dossier.events, done).length > 0 || terminal());
    const [effect] = pendingOf('postalOrders', dossier.events, done);
    if (!effect) return;
    const answer = await giveOrder(dossier, effect);
    dossier.execute({ ...answer, at: now(), by: SYSTEM_ACTOR } as DossierCommand);
    done = afterEffect(done, effect);
  }
}

type Answer = EngineCommand extends infer C ? (C extends EngineCommand ? Omit<C, 'at' | 'by'> : never) : never;

async function giveOrder(dossier: Dossier, effect: PostalOrderEffect): Promise<Answer> {
  const order = { leg: effect.leg, n: effect.n };
  if (effect.action === 'CANCEL') {
    const placed = dossier.events.find((r) => r.event.type === 'PostalOrderPlaced' && r.event.leg === effect.leg && r.event.n === effect.n);
    const orderRef = placed?.event.type === 'PostalOrderPlaced' ? placed.event.orderRef : effect.key;
    const { alreadyGone } = await cancelPostalOrder({ orderRef });
    return { type: 'postalOrderCancelled', ...order, orderRef, alreadyGone };
  }
  const s = dossier.state;
  const answer = await placePostalOrder({
    dossierCode: s.code!,
    unit: s.unit!,
    ...order,
    key: effect.key,
    // The procedure version does not list its documents yet: one packet.
    documentCount: 1,
  });
  if (answer.kind === 'REFUSED') {
    return {
      type: 'postalOrderRefused',
      ...order,
      orderRef: effect.key,
      reason: answer.reason,
      httpStatus: answer.httpStatus,
      ...(answer.partnerCode ? { partnerCode: answer.partnerCode } : {}),
    };
  }
  return { type: 'postalOrderPlaced', ...order, orderRef: answer.orderRef, waybill: answer.waybill, partnerStatus: answer.partnerStatus, scope: answer.scope };
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
