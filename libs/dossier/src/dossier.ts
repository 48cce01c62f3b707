import { authorize } from './authorization';
import type { DossierCommand } from './commands';
import { decide, DEFAULT_DECIDE_OPTIONS, type CalendarResolver, type DecideOptions } from './decide';
import type { DossierEvent, RecordedEvent } from './events';
import { evolve } from './evolve';
import { record } from './record';
import { isRefusal, type Refusal } from './rules';
import { ruleSetOf, type RuleSetResolver } from './rule-sets';
import { EMPTY_DOSSIER, type DossierState } from './state';
import { dueAlerts, nextTimerAt } from './timers';

/**
 * One dossier: its event log and the state folded from it. The workflow is a thin shell around
 * this class (updates → execute, timers → raiseDueAlerts), so every rule is tested here, under a
 * controlled clock, without Temporal.
 */
export class Dossier {
  private current: DossierState = EMPTY_DOSSIER;
  private readonly log: RecordedEvent[] = [];

  constructor(
    private readonly calendars: CalendarResolver,
    private readonly ruleSets: RuleSetResolver = ruleSetOf,
    private readonly options: DecideOptions = DEFAULT_DECIDE_OPTIONS,
  ) {}

  /** Rebuilds a dossier from its recorded log (a replay, a projection, a test). */
  static fromLog(calendars: CalendarResolver, log: readonly RecordedEvent[]): Dossier {
    const d = new Dossier(calendars);
    for (const r of log) d.append(r.event);
    return d;
  }

  get state(): DossierState {
    return this.current;
  }

  get events(): readonly RecordedEvent[] {
    return this.log;
  }

  /**
   * May the command be given, and what would it do, without doing it: the refusal, or null. First
   * who gives it (`authorize`: a FORBIDDEN refusal), then what the dossier's state allows
   * (`decide`). The workflow's update validators call this, so a refused command never enters the
   * history; every other caller calls it before `execute`.
   */
  check(command: DossierCommand): Refusal | null {
    const forbidden = authorize(command.by, command, this.current);
    if (forbidden) return forbidden;
    const result = decide(this.current, command, this.calendars, this.ruleSets, this.options);
    return isRefusal(result) ? result : null;
  }

  /**
   * Decides the command and records its events. Alerts whose instant passed before the command
   * are recorded first, so the log stays in time order whatever woke the workflow first.
   *
   * It does not authorize. The workflow's update handler calls it also when a history replays,
   * where the validator (`check`) does not run; an actor that an older version let through (before
   * authorization, or under an older table) must replay as it happened, or a running dossier
   * would fail its replay. So every caller that does not go through a validator — the in-memory
   * gateway, the scenario harness, the scenario runner's registration — calls `check` first.
   */
  execute(command: DossierCommand): RecordedEvent[] | Refusal {
    const before = this.current;
    const alerts = dueAlerts(before, command.at - 1);
    const afterAlerts = alerts.reduce(evolve, before);
    const result = decide(afterAlerts, command, this.calendars, this.ruleSets, this.options);
    if (isRefusal(result)) return result;
    return [...alerts, ...result].map((e) => this.append(e));
  }

  /** Records the alerts whose instant has come. */
  raiseDueAlerts(now: number): RecordedEvent[] {
    return dueAlerts(this.current, now).map((e) => this.append(e));
  }

  nextTimerAt(): number | null {
    return nextTimerAt(this.current);
  }

  private append(event: DossierEvent): RecordedEvent {
    this.current = evolve(this.current, event);
    const r = record(this.current, event);
    this.log.push(r);
    return r;
  }
}
