/**
 * Who gave a command: a person, in a role, for an agency. Recorded on every event as given, so an
 * audit can tell who did what; authentication will later bind all three to a token (one seam, in
 * the API's actor resolver), and the domain already refuses an agency acting on a dossier it does
 * not hold.
 */
export interface Actor {
  /** A pseudonymous person id (an officer's account id), never a name or citizen id. */
  readonly id: string;
  readonly role: string;
  readonly agency: string | null;
}

/** The engine itself: timers that fire, deadlines that pass. */
export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'SYSTEM', agency: null };

export const UNIDENTIFIED = 'unidentified';
