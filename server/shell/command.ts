/**
 * The contract between the lab shell and the commands it runs (coreutils, kubectl, ...).
 * The shell knows only this and core: kubectl and the probes are plugged in through a
 * CommandTable by the lab. Commands are pure: they read stdin and the virtual filesystem
 * and return what they print, never touching a real process or file.
 */

/** What a command may read and write of the lab's virtual filesystem (paths resolved by the shell). */
export interface FileAccess {
  /** Absolute path for a path relative to the working directory (`~` expanded). */
  resolve(path: string): string;
  /** File contents, or the errno a read would get. */
  readFile(path: string): { ok: true; value: string } | { ok: false; error: 'ENOENT' | 'EISDIR' | 'ENOTDIR' };
  /** Names in a directory, sorted, or an errno. */
  readDir(path: string): { ok: true; value: string[] } | { ok: false; error: 'ENOENT' | 'ENOTDIR' };
  isDirectory(path: string): boolean;
  writeFile(path: string, content: string): { ok: true } | { ok: false; error: 'ENOENT' | 'EISDIR' | 'ENOSPC' | 'EFBIG' | 'ENOTDIR' };
}

/** Things a command asks of the terminal beyond printing. */
export type CommandEffect =
  /** Simulated time the command takes (a probe's timeout): the terminal waits, Ctrl-C cancels. */
  | { type: 'wait'; ms: number }
  /** Clear the screen (clear, Ctrl-L). */
  | { type: 'clear' }
  /**
   * Open the full-screen editor on a file. On save the lab writes the file; for
   * `kubectl edit` (purpose 'kubectl-edit') it then applies the edited object.
   */
  | { type: 'open-editor'; editor: 'vim' | 'nano'; path: string; content: string; purpose: 'file' | 'kubectl-edit'; vimrc?: string };

export interface CommandContext {
  /** argv[0] is the command's name as invoked (after alias expansion). */
  argv: readonly string[];
  stdin: string;
  env: Readonly<Record<string, string>>;
  cwd: string;
  fs: FileAccess;
  /** Terminal width, for commands that lay out to it. */
  columns: number;
  /** Whether stdout is the terminal (false in a pipe, a file or $(...)); absent means the terminal. */
  isatty?: boolean;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  effects?: CommandEffect[];
  /** stdout and stderr in the order produced, when a command interleaves them (`cat a nope b`). */
  output?: { stream: 'stdout' | 'stderr'; text: string }[];
}

export type Command = (ctx: CommandContext) => CommandResult;

/** Completion candidates for the words of a command line; the shell asks the command owning argv[0]. */
export type Completer = (argv: readonly string[], current: string) => string[];

export interface CommandTable {
  get(name: string): Command | undefined;
  names(): string[];
  completer?(name: string): Completer | undefined;
}
