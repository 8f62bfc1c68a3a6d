// Help under a setting: one short line, the guide's full text behind a disclosure. The
// guide explains every setting in a paragraph; all of them open made the e-mail form
// ~8,500 px tall. The short line is the text's first sentence when it is short enough.
export const SHORT_HELP_MAX = 140;

export type HelpParts = {
  /** Shown at once (null: the first sentence is too long, only the disclosure shows). */
  short: string | null;
  /** The full text behind the disclosure, when there is more than the short line. */
  more: string | null;
};

/** Splits a help text at its first sentence ("." "!" "?" or "…" followed by a space). */
export function helpParts(text: string): HelpParts {
  const s = text.trim();
  const end = /[.!?…](?=\s+\S)/.exec(s);
  const first = end ? s.slice(0, end.index + 1) : s;
  if (first.length > SHORT_HELP_MAX) return { short: null, more: s };
  return { short: first, more: first.length < s.length ? s : null };
}
