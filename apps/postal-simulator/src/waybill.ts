import { s10CheckDigit } from '@motcua/contracts';
import { chance } from './chance';

/**
 * A UPU S10 waybill of the simulated post: EN (the domestic express service), an 8-digit serial
 * chosen by the seed for the order, its check digit, VN. `taken` is asked so two orders never share
 * one (the next serial is tried).
 */
export function waybillFor(seed: string, orderRef: string, taken: (waybill: string) => boolean): string {
  let serial = Math.floor(chance(seed, 'waybill', orderRef) * 100_000_000);
  for (;;) {
    const digits = String(serial).padStart(8, '0');
    const waybill = `EN${digits}${s10CheckDigit(digits)}VN`;
    if (!taken(waybill)) return waybill;
    serial = (serial + 1) % 100_000_000;
  }
}
