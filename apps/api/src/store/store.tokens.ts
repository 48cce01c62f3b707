/** Injection tokens of the operational store's parts (explicit: no decorator metadata). */
export const STORE = Symbol('Store');
export const REQUEST_KEYS = Symbol('RequestKeys');
export const DOSSIER_NOTES = Symbol('DossierNotes');
export const AUDIT_LOG = Symbol('AuditLog');
export const APPLICANT_CONTACTS = Symbol('ApplicantContacts');
export const POSTAL_EVENTS = Symbol('PostalEvents');
export const NOTIFICATIONS = Symbol('Notifications');
export const DOSSIER_CODES = Symbol('DossierCodes');
