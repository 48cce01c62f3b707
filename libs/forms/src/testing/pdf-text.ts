import { execFile } from 'node:child_process';

/**
 * The text of a PDF as a reader extracts it (pdf.js, through pdf-parse): what a search or a copy
 * gets. In a child Node process, because pdf.js is an ES module that loads its worker by dynamic
 * import, which Jest's module system does not run.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  const script = `
    import { PDFParse } from 'pdf-parse';
    const chunks = [];
    for await (const c of process.stdin) chunks.push(c);
    const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
    process.stdout.write((await parser.getText()).text);
    await parser.destroy();
  `;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: __dirname, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin!.end(pdf);
  });
}

/** The phrases a PDF's text does not contain (pdf.js splits lines and cells: runs of whitespace count as one space). */
export function missingPhrases(text: string, phrases: readonly string[]): string[] {
  const flat = text.replace(/\s+/g, ' ');
  return phrases.filter((p) => !flat.includes(p));
}
