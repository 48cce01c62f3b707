import { createHash } from 'node:crypto';

/** The login and error pages of the local identity provider: Vietnamese, no script, one inline style. */

const STYLE = [
  'body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}',
  'main{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;width:20rem}',
  'h1{font-size:1.4rem;margin:0 0 .25rem}p{color:#555;margin:.25rem 0 1rem}',
  'label{display:block;margin:.75rem 0 .25rem}input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}',
  'button{margin-top:1.25rem;width:100%;padding:.6rem;font-size:1rem;background:#b71c1c;color:#fff;border:0;border-radius:4px}',
  '.error{color:#b71c1c;font-weight:600}',
].join('');

/**
 * The pages allow their own inline style and nothing else: no script, no frame (clickjacking a
 * login form), no other origin. No form-action: browsers apply it to the redirects that follow the
 * form's submission too, and those end at the client's redirect URI, on another origin.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
});

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Motcua</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The login form of an interaction; `username` refills the field after a refused attempt. */
export function loginPage(uid: string, opts: { error?: string; username?: string } = {}): string {
  return page(
    'Đăng nhập',
    `<h1>Đăng nhập</h1>
<p>Hệ thống một cửa Motcua (máy chủ định danh cục bộ, chỉ dùng để phát triển)</p>
${opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : ''}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login" autocomplete="off">
<label for="username">Tên đăng nhập</label>
<input id="username" name="username" required autofocus value="${escapeHtml(opts.username ?? '')}">
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" required>
<button type="submit">Đăng nhập</button>
</form>`,
  );
}

export function errorPage(heading: string, detail: string): string {
  return page('Lỗi', `<h1>${escapeHtml(heading)}</h1>\n<p>${escapeHtml(detail)}</p>`);
}
