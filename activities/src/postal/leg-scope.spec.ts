import { legScopeOf } from './leg-scope';

describe('legScopeOf: how far a leg travels, from the Decision 20/2020 area of its far end', () => {
  it('the unit\'s own area, the same province (level-1 code), another province, unknown', () => {
    expect(legScopeOf('000.00.00.H42', '000.00.00.H42')).toBe('SAME_DISTRICT');
    expect(legScopeOf('000.00.00.H42', '000.25.07.H42')).toBe('SAME_PROVINCE');
    expect(legScopeOf('000.00.00.H42', '000.00.00.H26')).toBe('BETWEEN_PROVINCES');
    expect(legScopeOf('000.00.00.H42', null)).toBeNull();
    expect(legScopeOf('000.00.00.H42', ' ')).toBeNull();
  });
});
