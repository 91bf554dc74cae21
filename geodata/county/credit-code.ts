/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): authority and type, the 6-digit
 * area code, a 9-character organization code (GB 11714, with its own check character) and a
 * final check character over the first 17.
 */
import type { Rng } from './random.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function organizationCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body[i] as string, 36) * (ORG_WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The check character for the first 17 characters of a credit code. */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i] as string) * (WEIGHTS[i] as number);
  const c = (31 - (sum % 31)) % 31;
  return CHARSET[c] as string;
}

/** Whether a code has the right shape and both check characters. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return organizationCheck(code.slice(8, 16)) === code[16] && creditCodeCheck(code.slice(0, 17)) === code[17];
}

/** A valid code for an enterprise (9 1 …) or a social organization (5 1/2 …) in `areaCode`. */
export function creditCode(rng: Rng, kind: 'enterprise' | 'social_org', areaCode: string): string {
  const head = kind === 'enterprise' ? '91' : `5${rng.weighted(['1', '2', '3'], [45, 50, 5])}`;
  let body = '';
  for (let i = 0; i < 8; i++) body += String(rng.int(0, 9));
  const first17 = `${head}${areaCode.slice(0, 6)}${body}${organizationCheck(body)}`;
  return first17 + creditCodeCheck(first17);
}
