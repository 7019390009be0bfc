/** Values for "{name}" placeholders. */
export type TemplateValues = Record<string, string | number | undefined>;

/**
 * Fills "{name}" placeholders in wording from knowledge/. A placeholder with no value stays as
 * written (so a wording mistake shows instead of vanishing), unless `missing` says what to show
 * instead (coverage reasons say 未知).
 */
export function fillTemplate(template: string, values: TemplateValues, missing?: string): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? (missing ?? whole) : String(value);
  });
}
