import { z } from 'zod';

/** C0 controls, DEL and C1 controls: PostgreSQL refuses NUL, and none of them belongs in a name. */
const controls = /[\u0000-\u001f\u007f-\u009f]/u;
/** The same, but tab and line breaks are allowed in multi-line text. */
const controlsButLineBreaks = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** A surrogate half without its pair: not a character, and not encodable as UTF-8. */
const loneSurrogate = /\p{Surrogate}/u;

export type TextOptions = {
  max: number;
  /** 1 (the default) makes the field required; 0 allows an empty string */
  min?: number;
  /** allow tab, line feed and carriage return (descriptions, notes) */
  multiline?: boolean;
  /** trim surrounding white space first (default true; passwords keep theirs) */
  trim?: boolean;
};

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Free text sent by a client, as every body field of text takes it: NUL and other control
 * characters and lone surrogates are refused (400 naming the field) before anything reaches the
 * database. Characters outside the BMP (emoji, rare CJK ideographs) are ordinary text.
 * `max` counts UTF-16 code units, which is never fewer than the characters PostgreSQL counts.
 */
export function text({ max, min = 1, multiline = false, trim = true }: TextOptions) {
  const forbidden = multiline ? controlsButLineBreaks : controls;
  const base = z.string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') });
  return (trim ? base.trim() : base)
    .min(min, min === 1 ? 'is required' : `must be at least ${min} characters`)
    .max(max, `is too long (at most ${max} characters)`)
    .superRefine((value, ctx) => {
      const control = forbidden.exec(value);
      if (control) {
        ctx.addIssue({ code: 'custom', message: `must not contain control characters (${codePoint(control[0])} at ${control.index})` });
      }
      const half = loneSurrogate.exec(value);
      if (half) {
        ctx.addIssue({ code: 'custom', message: `must be valid Unicode (a lone surrogate ${codePoint(half[0])} at ${half.index})` });
      }
    });
}
