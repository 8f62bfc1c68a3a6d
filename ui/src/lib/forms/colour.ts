// A colour as the platform stores it: `#` and upper-case hex digits. People paste colours
// without the `#` (`1E88E5`, from design tools) or in lower case.
const BARE = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `1e88e5` → `#1E88E5`, `#abc` → `#ABC`; anything else is returned as typed (the validator
 *  names the problem). */
export function normalizeColour(text: string): string {
  const s = text.trim();
  const m = BARE.exec(s);
  return m ? `#${m[1]!.toUpperCase()}` : text;
}
