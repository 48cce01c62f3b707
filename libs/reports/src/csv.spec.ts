import { BOM, toCsv } from './csv';

it('writes RFC 4180 with a BOM, CRLF, and quotes only where needed', () => {
  const csv = toCsv([{ name: 's', title: 't', headers: ['Cơ quan chủ trì', 'Số "hồ sơ"'], rows: [['Sở Xây dựng, Hà Nội', 3], [null, 'hai\ndòng']] }]);
  expect(csv).toBe(`${BOM}Cơ quan chủ trì,"Số ""hồ sơ"""\r\n"Sở Xây dựng, Hà Nội",3\r\n,"hai\ndòng"\r\n`);
  expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
});

it('writes the tables of a report one after another, an empty line between', () => {
  const csv = toCsv([
    { name: 'a', title: 'a', headers: ['x'], rows: [[1]] },
    { name: 'b', title: 'b', headers: ['y'], rows: [[2]] },
  ]);
  expect(csv).toBe(`${BOM}x\r\n1\r\n\r\ny\r\n2\r\n`);
});
