import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { FormBlock, FormPrinter, PrintedForm } from './printed-form';

/**
 * DejaVu Sans, embedded in every PDF from the npm package: the standard PDF fonts have no
 * Vietnamese diacritics, and no system font is needed. pdfkit embeds the subset it uses with its
 * Unicode map, so the text can be searched and copied.
 */
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 56;
const SIZE = 11;

/**
 * The forms as A4 PDF, drawn with pdfkit. Nothing in a form is fetched: images (the QR code) are
 * made here, and pdfkit opens no URL.
 */
export class PdfFormPrinter implements FormPrinter {
  async print(form: PrintedForm): Promise<Buffer> {
    const doc = new PDFDocument({ size: 'A4', margin: MARGIN, font: FONT, info: { Title: `${form.formNo} — ${form.title}`, Producer: 'Motcua' } });
    doc.registerFont('regular', FONT);
    doc.registerFont('bold', FONT_BOLD);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      doc.on('end', () => resolve());
      doc.on('error', reject);
    });

    header(doc, form);
    for (const block of form.blocks) await draw(doc, block);
    doc.end();
    await done;
    return Buffer.concat(chunks);
  }
}

type Doc = PDFKit.PDFDocument;

function width(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function header(doc: Doc, form: PrintedForm): void {
  const w = width(doc);
  const left = doc.page.margins.left;
  const top = doc.y;
  doc.font('regular').fontSize(9).text(form.formNo, left, top, { width: w, align: 'right' });
  const y = doc.y + 4;
  const half = w / 2 - 6;
  doc.font('bold').fontSize(10).text(form.issuer.toUpperCase(), left, y, { width: half * 0.9, align: 'center' });
  const leftBottom = doc.y;
  doc.font('bold').fontSize(10).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + half, y, { width: half + 12, align: 'center' });
  doc.font('bold').fontSize(10).text('Độc lập - Tự do - Hạnh phúc', { width: half + 12, align: 'center' });
  doc.font('regular').fontSize(10).text(form.placeAndDate, { width: half + 12, align: 'center' });
  doc.y = Math.max(leftBottom, doc.y) + 18;
  doc.x = left;
  doc.font('bold').fontSize(14).text(form.title, left, doc.y, { width: w, align: 'center' });
  if (form.subtitle) doc.font('regular').fontSize(10).text(form.subtitle, { width: w, align: 'center' });
  doc.moveDown(1);
}

async function draw(doc: Doc, block: FormBlock): Promise<void> {
  const left = doc.page.margins.left;
  const w = width(doc);
  doc.x = left;
  switch (block.kind) {
    case 'paragraph':
      doc.font(block.bold ? 'bold' : 'regular').fontSize(SIZE).text(block.text, left, doc.y, { width: w, align: block.align ?? 'left' });
      doc.moveDown(0.4);
      return;
    case 'fields':
      for (const [label, value] of block.rows) {
        doc.font('bold').fontSize(SIZE).text(`${label}: `, left, doc.y, { width: w, continued: true });
        doc.font('regular').text(value);
      }
      doc.moveDown(0.4);
      return;
    case 'list':
      block.items.forEach((item, i) => doc.font('regular').fontSize(SIZE).text(`${i + 1}. ${item}`, left + 12, doc.y, { width: w - 12 }));
      doc.moveDown(0.4);
      return;
    case 'table':
      table(doc, block);
      return;
    case 'qr': {
      const png = await QRCode.toBuffer(block.payload, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
      const size = 90;
      if (doc.y + size + 30 > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      doc.image(png, left, y, { width: size, height: size });
      doc.font('regular').fontSize(9).text(block.caption, left + size + 10, y + 20, { width: w - size - 10 });
      doc.font('regular').fontSize(8).text(block.payload, { width: w - size - 10 });
      doc.y = y + size + 10;
      doc.x = left;
      return;
    }
    case 'signatures': {
      const n = block.parties.length;
      const col = w / n;
      if (doc.y + 110 > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y + 10;
      block.parties.forEach((p, i) => {
        const x = left + i * col;
        doc.font('bold').fontSize(SIZE).text(p.role.toUpperCase(), x, y, { width: col, align: 'center' });
        doc.font('regular').fontSize(9).text('(Ký, ghi rõ họ tên)', x, doc.y, { width: col, align: 'center' });
        doc.font('regular').fontSize(SIZE).text(p.name ?? '', x, y + 80, { width: col, align: 'center' });
      });
      doc.y = y + 100;
      doc.x = left;
      return;
    }
  }
}

/** A bordered table whose rows grow to their tallest cell and never split across pages. */
function table(doc: Doc, block: Extract<FormBlock, { kind: 'table' }>): void {
  const left = doc.page.margins.left;
  const w = width(doc);
  const widths = block.columns.map((c) => c.width * w);
  const pad = 4;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const row = (cells: readonly string[], font: 'regular' | 'bold', size: number) => {
    doc.font(font).fontSize(size);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad }))) + 2 * pad;
    if (doc.y + height > bottom()) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i], height).stroke();
      doc.text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, align: font === 'bold' ? 'center' : 'left' });
      x += widths[i];
    });
    doc.y = y + height;
    doc.x = left;
  };
  row(block.columns.map((c) => c.header), 'bold', 9);
  for (const r of block.rows) row(r, 'regular', 9);
  doc.moveDown(0.6);
}
