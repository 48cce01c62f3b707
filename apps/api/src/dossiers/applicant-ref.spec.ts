import { applicantRef } from './applicant-ref';

describe('applicantRef', () => {
  it('is stable per person and key, blind to spacing and case, and reveals nothing of the id', () => {
    const a = applicantRef('001203004567', 'k1');
    expect(a).toMatch(/^ap1_[0-9a-f]{32}$/);
    expect(applicantRef(' 0012 0300 4567 ', 'k1')).toBe(a);
    expect(applicantRef('b1234567', 'k1')).toBe(applicantRef('B1234567', 'k1'));
    expect(applicantRef('001203004568', 'k1')).not.toBe(a);
    expect(applicantRef('001203004567', 'k2')).not.toBe(a);
    expect(a).not.toContain('4567');
  });
});
