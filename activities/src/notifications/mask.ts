/**
 * An address as lists show it: enough to recognise, not enough to use. A phone keeps its first
 * three and last three digits (091****678); an e-mail its first letter and its domain
 * (n***@example.com).
 */
export function maskAddress(channel: 'SMS' | 'EMAIL', address: string): string {
  if (channel === 'EMAIL') {
    const at = address.lastIndexOf('@');
    if (at <= 0) return '***';
    return `${address[0]}***${address.slice(at)}`;
  }
  const digits = address.replace(/[^0-9+]/g, '');
  if (digits.length <= 6) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 6)}${digits.slice(-3)}`;
}
