/** Escapes a word for use inside a regular expression (the slash too, for patterns built into literals). */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
