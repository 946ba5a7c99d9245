/**
 * Display names: NFKC-normalised, no control, format or invisible characters, and the Unicode
 * TR39 skeletons that tell whether two names look alike (`Ιnstructor One` with a Greek Iota is
 * `Instructor One`). The confusables mapping is Unicode's confusables.txt as packaged by
 * unhomoglyph (nodeca, MIT); the skeleton is TR39's: NFD, map each character, NFD again.
 */
import unhomoglyph from 'unhomoglyph';

export const NAME_MAX = 40;

/**
 * Control (Cc), format (Cf: zero-width joiners, bidi overrides), private use (Co), surrogates
 * (Cs), unassigned (Cn), and default-ignorable code points (Hangul fillers, variation selectors).
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Default_Ignorable_Code_Point}]/u;
/** More than two combining marks on one letter only stacks glyphs over the neighbours. */
const STACKED_MARKS = /\p{M}{3,}/u;

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** A display name: NFKC, spaces collapsed, 2 to 40 characters, nothing hidden (markup is escaped where shown). */
export function checkName(raw: unknown): NameCheck {
  if (typeof raw !== 'string') return { ok: false, message: 'Enter a name.' };
  if (HIDDEN.test(raw.trim())) return { ok: false, message: 'The name cannot contain control or invisible characters.' };
  const name = raw.normalize('NFKC').trim().replace(/\s+/gu, ' ');
  if (HIDDEN.test(name)) return { ok: false, message: 'The name cannot contain control or invisible characters.' };
  if (STACKED_MARKS.test(name)) return { ok: false, message: 'The name cannot stack accents.' };
  if ([...name].length < 2) return { ok: false, message: 'The name needs at least 2 characters.' };
  if ([...name].length > NAME_MAX) return { ok: false, message: `The name can have at most ${NAME_MAX} characters.` };
  return { ok: true, name };
}

/** UTS #39 skeleton(X) = NFD(map(NFD(X))). */
export function skeleton(s: string): string {
  return unhomoglyph(s.normalize('NFD')).normalize('NFD');
}

/**
 * The two keys two names are compared on: the exact skeleton (`I` and `l` alike), and the
 * skeleton of the lower-cased name, lower-cased (`ΙNSTRUCTOR` and `instructor` alike).
 */
export function nameKeys(name: string): { skeleton: string; folded: string } {
  return { skeleton: skeleton(name), folded: skeleton(name.toLowerCase()).toLowerCase() };
}

export const NAME_TAKEN = 'That name is taken: choose another.';
export const NAME_CONFUSABLE = 'That name looks like an existing one: choose another.';
