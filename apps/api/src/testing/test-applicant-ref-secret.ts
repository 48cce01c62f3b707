/** The key the in-process tests give the API explicitly: the API starts with no default key. */
export const TEST_APPLICANT_REF_SECRET = 'test-only-applicant-ref-secret-4f1c9a7e2b';
