import { builtInCatalog } from './catalog';
import { foldVietnamese, searchProcedures } from './search';

const catalog = builtInCatalog();
const codes = (filter: Parameters<typeof searchProcedures>[1]) => searchProcedures(catalog.procedures, filter).map((p) => p.code);

describe('foldVietnamese', () => {
  it('drops case and diacritics, đ included, and collapses punctuation to single spaces', () => {
    expect(foldVietnamese('Đăng ký KHAI SINH')).toBe('dang ky khai sinh');
    expect(foldVietnamese('  Liên thông —  khai tử, xóa thường trú ')).toBe('lien thong khai tu xoa thuong tru');
    expect(foldVietnamese('HT-DANG-KY-KHAI-SINH')).toBe('ht dang ky khai sinh');
    // Precomposed (NFC) and decomposed (NFD) input fold alike.
    expect(foldVietnamese('Ủy ban'.normalize('NFD'))).toBe(foldVietnamese('Ủy ban'.normalize('NFC')));
  });
});

describe('searchProcedures', () => {
  it('finds "khai sinh" however it is typed: any case, with or without accents', () => {
    const expected = codes({ q: 'khai sinh' });
    expect(expected).toEqual(expect.arrayContaining(['HT-DANG-KY-KHAI-SINH', 'LT-KHAI-SINH-THUONG-TRU-BHYT']));
    expect(expected).not.toContain('HT-DANG-KY-KHAI-TU');
    for (const q of ['Khai sinh', 'khai sinh', 'KHAI SINH', 'khải sinh', '  Khai   Sinh ', 'Khai sinh'.normalize('NFD')]) expect(codes({ q })).toEqual(expected);
  });

  it('matches đ with d, words in any order, in the code or the name; nothing for a word no procedure has', () => {
    expect(codes({ q: 'dang ky ket hon' })).toEqual(['HT-DANG-KY-KET-HON']);
    expect(codes({ q: 'đăng ký kết hôn' })).toEqual(['HT-DANG-KY-KET-HON']);
    expect(codes({ q: 'mai tang lien thong' })).toEqual(['LT-KHAI-TU-XOA-THUONG-TRU-MAI-TANG']);
    expect(codes({ q: 'lltp' })).toEqual(['LLTP-CAP-PHIEU']);
    expect(codes({ q: 'ly lich tu phap' })).toContain('LLTP-CAP-PHIEU');
    expect(codes({ q: 'khai sinh quốc tịch' })).toEqual([]);
    // At a word's start only: "inh" is not a word of "khai sinh".
    expect(codes({ q: 'inh' })).toEqual([]);
  });

  it('filters by field, default unit, postal and online level, each alone and combined (AND)', () => {
    const all = catalog.procedures;
    expect(codes({ field: 'HO_TICH' }).length).toBeGreaterThanOrEqual(5);
    expect(searchProcedures(all, { field: 'HO_TICH' }).every((p) => p.field === 'HO_TICH')).toBe(true);
    expect(searchProcedures(all, { unit: '000.31.25.H26' }).every((p) => p.unit === '000.31.25.H26')).toBe(true);
    const notPostal = searchProcedures(all, { postal: false });
    expect(notPostal.length).toBeGreaterThan(0);
    expect(notPostal.every((p) => !p.postal)).toBe(true);
    expect(codes({ postal: true }).length + notPostal.length).toBe(all.length);
    expect(codes({ onlineLevel: 'NONE' })).toEqual(['CT-CHUNG-THUC-CHU-KY']);

    const combined = codes({ q: 'khai', field: 'HO_TICH', postal: true, onlineLevel: 'FULL', unit: '000.31.25.H26' });
    expect(combined).toEqual(['HT-DANG-KY-KHAI-SINH', 'HT-DANG-KY-KHAI-TU']);
    // Each added filter narrows: the bundles are not HO_TICH, marriage is not postal.
    expect(codes({ q: 'khai' })).toEqual(expect.arrayContaining(['LT-KHAI-SINH-THUONG-TRU-BHYT', 'LT-KHAI-TU-XOA-THUONG-TRU-MAI-TANG', ...combined]));
    expect(codes({ q: 'dang ky', field: 'HO_TICH', postal: false })).toEqual(['HT-DANG-KY-KET-HON']);
    expect(codes({})).toEqual(all.map((p) => p.code));
  });
});
