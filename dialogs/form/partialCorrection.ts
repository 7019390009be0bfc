import { anyOf } from './cleanInput.js';
import type { FormField, FormReading } from './formDefinition.js';

/**
 * "门牌号错了，是2号", "室号不对，应该是602室" for the address 天津市和平区南京路1号502室: only the part
 * said changes (…南京路2号502室). A value that is no whole address and ends in a number with a
 * unit the old value has replaces that part; anything else is the new value as it stands.
 */
export function withPartCorrected(
  field: FormField,
  old: string | undefined,
  value: string,
  reading: FormReading,
): string {
  if (!old || !field.continues || (field.freePattern && new RegExp(field.freePattern, 'u').test(value))) return value;
  const units = anyOf(reading.correction.partUnits);
  const part = new RegExp(`(?:^|[^0-9A-Za-z-])([0-9A-Za-z-]+)\\s*(${units})$`, 'u').exec(value.trim());
  const [, number, unit] = part ?? [];
  if (!number || !unit) return value;
  // Longest units first, so 3号楼 is a 号楼 and not a 号 followed by 楼.
  const last = [...old.matchAll(new RegExp(`[0-9A-Za-z-]+\\s*(${units})`, 'gu'))].filter((m) => m[1] === unit).at(-1);
  if (!last) return value;
  return old.slice(0, last.index) + number + unit + old.slice(last.index + last[0].length);
}
