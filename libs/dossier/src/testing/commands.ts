/**
 * Test helper: any command of any type, with the fields it needs, for the authorization tests
 * (the table test and the properties), which give every command to every kind of actor.
 */
import { calendarFor, parseInstant } from '@motcua/calendar';
import type { Channel, RouteStage } from '@motcua/contracts';
import type { Actor } from '../actor';
import { ENGINE_ONLY } from '../authorization';
import type { CommandType, DossierCommand } from '../commands';
import type { ProcedureVersion } from '../events';

/** Every command type, at compile time: a new command type without its entry here does not compile. */
const EVERY: Record<CommandType, true> = {
  register: true,
  requestPickup: true,
  postalPickedUp: true,
  postalReturnedToSender: true,
  submit: true,
  postalHandover: true,
  requestIntakeSupplement: true,
  refuseIntake: true,
  accept: true,
  complete: true,
  requestSupplement: true,
  supplement: true,
  apologize: true,
  assign: true,
  appraise: true,
  approve: true,
  reject: true,
  stop: true,
  withdraw: true,
  return: true,
  postalDeliveryFailed: true,
  postalDelivered: true,
  postalOrderPlaced: true,
  postalOrderRefused: true,
  postalOrderCancelled: true,
  consult: true,
  answerConsultation: true,
  rate: true,
};
/** The commands an actor may be given; the engine's own (ENGINE_ONLY) are no one's to give. */
export const COMMAND_TYPES = (Object.keys(EVERY) as CommandType[]).filter((t) => !(ENGINE_ONLY as readonly string[]).includes(t));
/** The commands that name the agency they act for. */
export const AGENCY_COMMANDS = ['complete', 'requestSupplement', 'apologize', 'assign', 'appraise', 'approve', 'reject', 'stop', 'consult', 'answerConsultation'] as const satisfies readonly CommandType[];

export const UNIT = '000.00.00.H42';
export const VN_GOV = calendarFor('VN-GOV');
export const at = (local: string): number => parseInstant(`${local.replace(' ', 'T')}:00+07:00`);

export function procedure(route: RouteStage[], extra: Partial<ProcedureVersion> = {}): ProcedureVersion {
  return { code: 'T.AUTH.01', name: 'Thủ tục liên thông', version: 'v1', timeLimit: { amount: 5, unit: 'WORKING_DAYS' }, route, ...extra };
}

export interface CommandFields {
  /** The agency a command of an agency names. */
  agency?: string;
  /** submit: COUNTER or ONLINE; return: any. */
  channel?: Channel;
  /** register: the unit registered under. */
  unit?: string;
  procedure?: ProcedureVersion;
  /** apologize. */
  newAppointment?: string;
  /** consult: the consulted agency. */
  to?: string;
}

/** A well-formed command of `type` (the fields a type does not take are ignored). */
export function commandOf(type: CommandType, by: Actor, instant: number, f: CommandFields = {}): DossierCommand {
  const agency = f.agency ?? 'A';
  const given = { at: instant, by };
  switch (type) {
    case 'register': {
      const unit = f.unit ?? UNIT;
      return {
        ...given,
        type,
        code: `${unit}-260302-0001`,
        unit,
        procedure: f.procedure ?? procedure([{ agency: 'A', allotted: { amount: 1, unit: 'WORKING_DAYS' } }]),
        ruleSet: 'ND118-2025',
        calendar: { id: VN_GOV.id, version: VN_GOV.version },
        applicantRef: null,
      };
    }
    case 'submit':
      return { ...given, type, channel: f.channel === 'ONLINE' ? 'ONLINE' : 'COUNTER' };
    case 'return':
      return { ...given, type, channel: f.channel ?? 'COUNTER' };
    case 'postalHandover':
    case 'postalPickedUp':
      return { ...given, type, waybill: 'EB000000001VN' };
    case 'assign':
      return { ...given, type, agency, officer: 'officer-a1' };
    case 'complete':
    case 'appraise':
    case 'approve':
    case 'requestSupplement':
    case 'reject':
    case 'stop':
      return { ...given, type, agency };
    case 'apologize':
      return { ...given, type, agency, newAppointment: f.newAppointment ?? '2026-03-13T17:00:00+07:00' };
    case 'consult':
      return { ...given, type, agency, to: f.to ?? 'CONSULTED', allotted: { amount: 1, unit: 'WORKING_DAYS' } };
    case 'answerConsultation':
      return { ...given, type, agency };
    case 'rate':
      return { ...given, type, level: 'SATISFIED' };
    case 'requestPickup':
    case 'postalReturnedToSender':
    case 'requestIntakeSupplement':
    case 'refuseIntake':
    case 'accept':
    case 'supplement':
    case 'withdraw':
    case 'postalDeliveryFailed':
    case 'postalDelivered':
      return { ...given, type };
    case 'postalOrderPlaced':
      return { ...given, type, leg: 'PICKUP', n: 1, orderRef: 'R1', waybill: null, partnerStatus: 'PENDING', scope: null };
    case 'postalOrderRefused':
      return { ...given, type, leg: 'PICKUP', n: 1, orderRef: 'R1', reason: 'OPERATOR_REFUSED', httpStatus: 400 };
    case 'postalOrderCancelled':
      return { ...given, type, leg: 'PICKUP', n: 1, orderRef: 'R1', alreadyGone: false };
  }
}
