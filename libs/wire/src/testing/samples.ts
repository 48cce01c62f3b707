/**
 * Test helper: one recorded event of every type, so that every type crosses the wire in the tests
 * even when no scenario produces it. The map's type asks for every DossierEvent type: adding one
 * to the domain without a sample here fails `tsc`.
 */
import type { Actor, DossierEventType, EventOf, RecordedEvent } from '@motcua/dossier';

const CODE = '000.00.00.H26-260302-0001';
const t = (iso: string) => Date.parse(iso);
const officer: Actor = { id: 'officer-17', role: 'ONE_STOP_OFFICER', agency: '000.00.00.H26' };
const agencyOfficer: Actor = { id: 'officer-42', role: 'AGENCY_OFFICER', agency: 'SO_TU_PHAP' };
const system: Actor = { id: 'system', role: 'SYSTEM', agency: null };
const deadline = {
  at: t('2026-03-16T17:00:00+07:00'),
  nearDueAt: t('2026-03-13T08:00:00+07:00'),
  apologyBy: t('2026-03-13T17:00:00+07:00'),
  calendar: 'VN-GOV@2026.1',
};
const NOTE = 'note:' + '0123456789abcdef'.repeat(2);

type Sample<T extends DossierEventType> = RecordedEvent & { event: EventOf<T> };

function recorded<T extends DossierEventType>(sequence: number, event: EventOf<T>, status: string, due: number | null = deadline.at): Sample<T> {
  return {
    id: `${CODE}:${sequence}`,
    code: CODE,
    sequence,
    event,
    status,
    channel: 'COUNTER',
    ruleSet: 'ND118-2025',
    procedure: { code: 'LLTP-CAP-PHIEU', version: '2026.1' },
    unit: '000.00.00.H26',
    dueAt: due,
    finalDueAt: due,
  };
}

export const SAMPLE_EVENTS: { readonly [T in DossierEventType]: Sample<T> } = {
  DossierRegistered: recorded(
    1,
    {
      type: 'DossierRegistered',
      at: t('2026-03-02T09:00:00+07:00'),
      by: officer,
      code: CODE,
      unit: '000.00.00.H26',
      procedure: {
        code: 'LLTP-CAP-PHIEU',
        name: 'Cấp Phiếu lý lịch tư pháp',
        version: '2026.1',
        timeLimit: { amount: 10, unit: 'WORKING_DAYS' },
        cutoff: '15:00',
        supplementsAllowed: 1,
        route: [{ agency: 'SO_TU_PHAP', allotted: { amount: 6, unit: 'WORKING_DAYS' } }, { parallel: [{ agency: 'CONG_AN_TINH', allotted: { amount: 4, unit: 'WORKING_DAYS' } }] }],
        postal: true,
      },
      ruleSet: 'ND118-2025',
      calendar: { id: 'VN-GOV', version: '2026.1' },
      applicantRef: 'ap1_0123456789abcdef0123456789abcdef',
    },
    'NEW',
    null,
  ),
  PostalPickupRequested: recorded(2, { type: 'PostalPickupRequested', at: t('2026-03-02T09:05:00+07:00'), by: officer }, 'PICKUP_REQUESTED', null),
  PostalPickedUp: recorded(3, { type: 'PostalPickedUp', at: t('2026-03-02T14:30:00+07:00'), by: system, waybill: 'EV123456789VN' }, 'PICKED_UP', null),
  DossierSubmitted: recorded(4, { type: 'DossierSubmitted', at: t('2026-03-02T09:10:00.250+07:00'), by: officer, channel: 'POSTAL', waybill: 'EV123456789VN' }, 'SUBMITTED', null),
  IntakeSupplementRequested: recorded(
    5,
    { type: 'IntakeSupplementRequested', at: t('2026-03-02T09:15:00+07:00'), by: officer, missing: ['TO_KHAI', 'BAN_SAO.CCCD'], noteRef: NOTE },
    'INTAKE_SUPPLEMENT',
    null,
  ),
  IntakeRefused: recorded(6, { type: 'IntakeRefused', at: t('2026-03-02T09:15:00+07:00'), by: officer, reasons: ['NOT_COMPETENT', 'OTHER'] }, 'REFUSED', null),
  DossierAccepted: recorded(
    7,
    { type: 'DossierAccepted', at: t('2026-03-02T09:20:00+07:00'), by: officer, clockStartedAt: t('2026-03-02T09:20:00+07:00'), deadline },
    'IN_PROCESSING',
  ),
  StageStarted: recorded(
    8,
    {
      type: 'StageStarted',
      at: t('2026-03-02T09:20:00+07:00'),
      by: officer,
      stage: 0,
      startedAt: t('2026-02-27T16:45:00+07:00'),
      members: [{ member: 0, agency: 'SO_TU_PHAP', deadline: { ...deadline, nearDueAt: null, apologyBy: deadline.at } }],
    },
    'IN_PROCESSING',
  ),
  DossierHandedOff: recorded(
    8,
    {
      type: 'DossierHandedOff',
      at: t('2026-03-02T09:20:00+07:00'),
      by: officer,
      from: { unit: '000.00.00.H26', officer: officer.id },
      fromMember: null,
      to: { unit: 'SO_TU_PHAP', officer: null },
      toMember: 0,
      dueAt: t('2026-03-10T17:00:00+07:00'),
      task: 'PROCESS',
    },
    'IN_PROCESSING',
  ),
  StagePartAssigned: recorded(9, { type: 'StagePartAssigned', at: t('2026-03-03T08:30:00+07:00'), by: agencyOfficer, member: 0, agency: 'SO_TU_PHAP', officer: 'officer-stp-2' }, 'IN_PROCESSING'),
  StagePartAppraised: recorded(9, { type: 'StagePartAppraised', at: t('2026-03-04T10:00:00+07:00'), by: agencyOfficer, member: 0, agency: 'SO_TU_PHAP' }, 'IN_PROCESSING'),
  StagePartApproved: recorded(9, { type: 'StagePartApproved', at: t('2026-03-05T09:00:00+07:00'), by: agencyOfficer, member: 0, agency: 'SO_TU_PHAP' }, 'IN_PROCESSING'),
  StagePartCompleted: recorded(9, { type: 'StagePartCompleted', at: t('2026-03-05T10:00:00+07:00'), by: agencyOfficer, member: 0, agency: 'SO_TU_PHAP', outcome: 'EARLY' }, 'IN_PROCESSING'),
  ResultReady: recorded(10, { type: 'ResultReady', at: t('2026-03-10T10:00:00+07:00'), by: agencyOfficer, outcome: 'EARLY', processingMs: 691_200_000 }, 'RESULT_READY'),
  SupplementRequested: recorded(
    11,
    {
      type: 'SupplementRequested',
      at: t('2026-03-06T10:00:00+07:00'),
      by: agencyOfficer,
      member: 0,
      agency: 'SO_TU_PHAP',
      workingDaysSinceReceipt: 4,
      late: true,
      missing: ['XAC_NHAN_CU_TRU'],
      noteRef: NOTE,
    },
    'SUPPLEMENT_PENDING',
  ),
  SupplementReceived: recorded(
    12,
    {
      type: 'SupplementReceived',
      at: t('2026-03-09T08:30:00+07:00'),
      by: officer,
      deadline: { ...deadline, at: t('2026-03-23T08:30:00+07:00') },
      restarted: [{ member: 0, agency: 'SO_TU_PHAP', deadline: { ...deadline, at: t('2026-03-17T08:30:00+07:00') } }],
      waitedMs: 253_800_000,
    },
    'IN_PROCESSING',
  ),
  ApologyIssued: recorded(
    13,
    { type: 'ApologyIssued', at: t('2026-03-13T16:00:00+07:00'), by: agencyOfficer, agency: 'SO_TU_PHAP', newAppointment: t('2026-03-20T17:00:00+07:00'), byDeadline: true, reason: 'WORKLOAD' },
    'IN_PROCESSING',
  ),
  DossierRejected: recorded(
    14,
    {
      type: 'DossierRejected',
      at: t('2026-03-11T10:00:00+07:00'),
      by: agencyOfficer,
      member: 0,
      agency: 'SO_TU_PHAP',
      memberOutcome: 'ON_TIME',
      outcome: 'EARLY',
      processingMs: 780_000_000,
      reasons: ['NOT_ELIGIBLE'],
      noteRef: NOTE,
    },
    'REJECTED',
  ),
  ResultReturned: recorded(15, { type: 'ResultReturned', at: t('2026-03-12T09:00:00+07:00'), by: officer, channel: 'COUNTER' }, 'RETURNED'),
  ResultHandedToPost: recorded(16, { type: 'ResultHandedToPost', at: t('2026-03-12T09:00:00+07:00'), by: officer }, 'OUT_FOR_DELIVERY'),
  DeliveryAttemptFailed: recorded(17, { type: 'DeliveryAttemptFailed', at: t('2026-03-13T11:00:00+07:00'), by: system, counted: true, countedAttempts: 1 }, 'OUT_FOR_DELIVERY'),
  ResultBackAtUnit: recorded(18, { type: 'ResultBackAtUnit', at: t('2026-03-17T11:00:00+07:00'), by: system, reason: 'DELIVERY_FAILED' }, 'AWAITING_COLLECTION'),
  ResultDelivered: recorded(19, { type: 'ResultDelivered', at: t('2026-03-13T11:00:00+07:00'), by: system }, 'DELIVERED'),
  DossierWithdrawn: recorded(20, { type: 'DossierWithdrawn', at: t('2026-03-04T10:00:00+07:00'), by: officer, reason: 'APPLICANT_REQUEST' }, 'WITHDRAWN'),
  DossierStopped: recorded(
    21,
    { type: 'DossierStopped', at: t('2026-03-04T10:00:00+07:00'), by: agencyOfficer, member: 0, agency: 'SO_TU_PHAP', reasons: ['DUPLICATE_DOSSIER'] },
    'STOPPED',
  ),
  AlertRaised: recorded(
    22,
    { type: 'AlertRaised', at: t('2026-03-13T08:00:00+07:00'), by: system, alert: 'NEAR_DUE', scope: 'STAGE', agency: 'SO_TU_PHAP', member: 0, dueAt: t('2026-03-16T17:00:00+07:00') },
    'IN_PROCESSING',
  ),
  PostalOrderPlaced: recorded(
    23,
    {
      type: 'PostalOrderPlaced',
      at: t('2026-03-12T09:00:02+07:00'),
      by: system,
      leg: 'RETURN',
      n: 1,
      orderRef: `${CODE}:RETURN:1`,
      waybill: 'EN340902457VN',
      partnerStatus: 'CREATED',
      scope: 'SAME_PROVINCE',
      transitDueAt: t('2026-03-16T17:00:00+07:00'),
    },
    'OUT_FOR_DELIVERY',
  ),
  PostalOrderRefused: recorded(
    24,
    { type: 'PostalOrderRefused', at: t('2026-03-02T09:00:01+07:00'), by: system, leg: 'PICKUP', n: 1, orderRef: `${CODE}:PICKUP:1`, reason: 'OPERATOR_REFUSED', httpStatus: 422, partnerCode: 'ADDRESS_OUT_OF_AREA' },
    'PICKUP_REQUESTED',
  ),
  PostalOrderCancelled: recorded(
    25,
    { type: 'PostalOrderCancelled', at: t('2026-03-02T10:00:00+07:00'), by: system, leg: 'PICKUP', n: 1, orderRef: `${CODE}:PICKUP:1`, alreadyGone: false },
    'WITHDRAWN',
  ),
  ConsultationRequested: recorded(
    26,
    {
      type: 'ConsultationRequested',
      at: t('2026-03-03T10:00:00+07:00'),
      by: agencyOfficer,
      consultation: 0,
      agency: 'SO_TU_PHAP',
      to: 'CONG_AN_TINH',
      allotted: { amount: 2, unit: 'WORKING_DAYS' },
      dueAt: t('2026-03-05T17:00:00+07:00'),
      calendar: 'VN-GOV@2026.1',
    },
    'IN_PROCESSING',
  ),
  ConsultationAnswered: recorded(
    27,
    { type: 'ConsultationAnswered', at: t('2026-03-06T09:00:00+07:00'), by: agencyOfficer, consultation: 0, agency: 'CONG_AN_TINH', outcome: 'LATE' },
    'IN_PROCESSING',
  ),
  SatisfactionRated: recorded(28, { type: 'SatisfactionRated', at: t('2026-03-12T09:30:00+07:00'), by: officer, level: 'VERY_SATISFIED' }, 'RETURNED'),
};

export const SAMPLE_RECORDED_EVENTS: readonly RecordedEvent[] = Object.values(SAMPLE_EVENTS);
