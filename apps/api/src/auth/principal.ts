/**
 * Who is calling, as the access token says: the person (`sub`), the roles, and the agency or
 * one-stop unit the account belongs to. The acting `Actor` of a command is derived from it (one
 * role, the one the command needs); nothing else in the API reads the token.
 */
export interface Principal {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly agency: string | null;
  readonly name?: string;
}
