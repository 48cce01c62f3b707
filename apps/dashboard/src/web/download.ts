/**
 * A file the API sends only to a bearer token: a plain link cannot carry the token, so the page
 * fetches it, keeps it as a Blob and saves it through an object URL, under the name the API's
 * Content-Disposition gives (the fallback when it gives none).
 */
export async function downloadWithToken(url: string, token: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`Không tải được tệp (${res.status}).`);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filenameOf(res.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL is released after it has read the Blob.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** `attachment; filename="x.csv"` (or filename*=UTF-8''…, RFC 6266) → the name. */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) return decodeURIComponent(extended[1]);
  const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;\s]+)/i.exec(disposition);
  return plain ? (plain[1] ?? plain[2]) : null;
}
