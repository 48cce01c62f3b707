import { isS10Waybill, s10CheckDigit } from './postal-webhook';

describe('UPU S10 waybills', () => {
  it('computes the check digit with weights 8 6 4 2 3 5 9 7, 10 → 0 and 11 → 5', () => {
    expect(s10CheckDigit('34090245')).toBe(7); // EN340902457VN
    expect(s10CheckDigit('12345678')).toBe(5); // sum 204 ≡ 6: 11 − 6
    expect(s10CheckDigit('10100000')).toBe(0); // sum 12 ≡ 1: 11 − 1 = 10, written 0
    expect(s10CheckDigit('00000000')).toBe(5); // sum 0: 11, written 5
  });

  it('accepts a well-formed number with its check digit, and nothing else', () => {
    expect(['EN340902457VN', 'RR123456785CN', 'CP101000000VN', 'EE000000005VN'].filter((w) => !isS10Waybill(w))).toEqual([]);
    for (const w of ['EN340902450VN', 'EN340902457V', 'EN3409024570VN', 'E1340902457VN', 'en340902457vn', ' EN340902457VN']) expect([w, isS10Waybill(w)]).toEqual([w, false]);
  });
});
