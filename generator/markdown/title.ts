/**
 * A doc's `#` title guessed from its first line, without parsing it: what the pipeline reads
 * models with before every doc is parsed (the name rules need every doc's title). Only a guess:
 * the parsed title is the truth, and the pipeline compares the two (`pipeline.ts`).
 */

/** An ATX `#` heading line: up to three spaces, `#`, then its text up to an optional closing run of `#`. */
const TITLE_LINE = /^ {0,3}#(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** What markdown may read as something other than the characters themselves. */
const MARKUP = /[\\`*_~[\]<>&!]/;
/** A struck-through title (a deprecated model's): `~~Name~~`, whose text is the name. */
const STRUCK = /^~~([^~\s](?:[^~]*[^~\s])?)~~$/;

/**
 * The text of `text`'s `#` title when its first non-blank line is a plain one (no markup but a
 * strikethrough around it all), else undefined: no title, or one the guess cannot read as the
 * parser would.
 */
export function guessTitle(text: string): string | undefined {
  let from = 0;
  for (;;) {
    const end = text.indexOf("\n", from);
    const line = end === -1 ? text.slice(from) : text.slice(from, end);
    if (line.trim() !== "") {
      const m = TITLE_LINE.exec(line);
      if (!m) return undefined;
      const title = (m[1] ?? "").trim();
      const text = STRUCK.exec(title)?.[1] ?? title;
      return MARKUP.test(text) ? undefined : text;
    }
    if (end === -1) return undefined;
    from = end + 1;
  }
}
